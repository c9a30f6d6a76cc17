package org.spatialx.shell.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.graalvm.polyglot.HostAccess;
import org.spatialx.shell.binding.ApiEnums;
import org.spatialx.shell.binding.NotebookApi;
import org.spatialx.shell.binding.NotebookMember;
import org.spatialx.shell.binding.NotebookObject;
import org.spatialx.shell.binding.ScriptArgumentException;
import org.spatialx.shell.binding.WireJson;
import org.spatialx.shell.runtime.Invocation;

/**
 * The one host object the Python and JavaScript preludes talk to. Scripts call into
 * {@link NotebookObject}s only: the module's functions ({@link #module()}) and the objects they
 * return. Everything else crosses as JSON text, so the preludes turn results into native
 * dicts/lists (JS objects/arrays) and Java exceptions into script exceptions carrying the
 * connector's message.
 */
public final class ScriptBridge {

    /** The name of the module scripts import (Python) and of the object holding its functions. */
    public static final String MODULE = "spatialx_connector";

    private final ObjectMapper mapper = WireJson.newMapper();
    private final NotebookObject module;
    private final List<String> argv;
    private final NotebookDocs docs;

    /**
     * A bridge whose module functions are the annotated methods of {@code connectors}
     * ({@code SpatialXConnector}), of {@link NotebookFunctions} and of {@code functions}.
     *
     * @param argv      the script name then its arguments ({@code sys.argv}, {@code argv})
     * @param functions more objects whose {@code @NotebookName} methods become module functions
     *                  (e.g. {@code render_spatial})
     */
    public ScriptBridge(ConnectorFactory connectors, List<?> functions, List<String> argv, NotebookDocs docs) {
        this(connectors, new NotebookFunctions(), functions, argv, docs);
    }

    /** A bridge whose {@code temporary_folder}, {@code parse_to_str}, ... are those of {@code notebookFunctions}. */
    public ScriptBridge(ConnectorFactory connectors, NotebookFunctions notebookFunctions, List<?> functions,
            List<String> argv, NotebookDocs docs) {
        this.module = NotebookObject.namespace(MODULE,
                Stream.concat(Stream.of(connectors, notebookFunctions), functions.stream()).toList());
        this.argv = List.copyOf(argv);
        this.docs = docs;
    }

    /** The module functions ({@code SpatialXConnector}, {@code render_spatial}, ...), as one bound object. */
    @HostAccess.Export
    public NotebookObject module() {
        return module;
    }

    /** Calls the member {@code name} of {@code target}; arguments as JSON (a list and an object). */
    @HostAccess.Export
    public BridgeResult call(NotebookObject target, String name, String argsJson, String kwargsJson) {
        return guarded(name, () -> {
            List<JsonNode> positional = new ArrayList<>();
            mapper.readTree(argsJson).forEach(positional::add);
            Map<String, JsonNode> named = new LinkedHashMap<>();
            mapper.readTree(kwargsJson).properties().forEach(e -> named.put(e.getKey(), e.getValue()));
            return wrap(target.call(name, positional, named, mapper));
        });
    }

    /** {@code property}, {@code method}, or null when {@code target} has no member {@code name}. */
    @HostAccess.Export
    public String kind(NotebookObject target, String name) {
        return target.member(name).map(m -> m.property() ? "property" : "method").orElse(null);
    }

    /**
     * The member names of {@code target}, NUL-separated (for {@code dir()} and completion; Python splits
     * them without importing json); the
     * special members ({@code __getitem__}, {@code __len__}, {@code __repr__}) are left out, the
     * preludes use them through the languages' own indexing, {@code len} and printing.
     */
    @HostAccess.Export
    public String memberNames(NotebookObject target) {
        return String.join("\0", target.members().stream().map(NotebookMember::name).filter(name -> !name.startsWith("__")).toList());
    }

    /** The keyword names of a member, NUL-separated as {@link #memberNames}. */
    @HostAccess.Export
    public String keywordNames(NotebookObject target, String name) {
        return String.join("\0", target.member(name).map(NotebookMember::keywordNames).orElse(List.of()));
    }

    /** The help text of a member: its signature in {@code language} ({@code python}, {@code js}) and Javadoc. */
    @HostAccess.Export
    public String doc(NotebookObject target, String name, String language) {
        return target.member(name).map(member -> docs.describe(member, ScriptLanguage.parse(language)))
                .orElse("No help for '" + name + "'");
    }

    /** The help text of a bound object: its calls by notebook section, one line each. */
    @HostAccess.Export
    public String docOf(NotebookObject target, String language) {
        return docs.describe(target, ScriptLanguage.parse(language));
    }

    /** The name of a bound object in messages (never its {@code toString}, which may hold a token). */
    @HostAccess.Export
    public String typeName(NotebookObject target) {
        return target.typeName();
    }

    /** Every api enum with its members and wire values: {@code {"Species": {"HUMAN": "human"}}}. */
    @HostAccess.Export
    public String enumsJson() {
        Map<String, Map<String, Object>> enums = new LinkedHashMap<>();
        ApiEnums.byName().forEach((name, type) -> enums.put(name, ApiEnums.members(type)));
        return json(enums);
    }

    /**
     * The names of the api enums, NUL-separated ({@link #enumsJson} has their members): Python reads them
     * without importing json, and guests cannot index host arrays under {@code HostAccess.EXPLICIT}.
     */
    @HostAccess.Export
    public String enumNames() {
        return String.join("\0", ApiEnums.byName().keySet());
    }

    /** How many entries {@code sys.argv} has: the script name then its arguments. */
    @HostAccess.Export
    public int argumentCount() {
        return argv.size();
    }

    /** Entry {@code index} of {@code sys.argv} (0: the script name). */
    @HostAccess.Export
    public String argument(int index) {
        return argv.get(index);
    }

    /** The script name then its arguments. */
    @HostAccess.Export
    public String argvJson() {
        return json(argv);
    }

    /** The command's environment ({@link Invocation#current()}: the client's in the warm runtime), as a JSON object. */
    @HostAccess.Export
    public String envJson() {
        return json(new TreeMap<>(Invocation.current().environment()));
    }

    private BridgeResult wrap(Object value) throws JsonProcessingException {
        if (NotebookApi.isBound(value)) {
            return BridgeResult.object(NotebookObject.of(value));
        }
        return BridgeResult.data(mapper.writeValueAsString(value));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface BridgeCall {
        BridgeResult run() throws Exception;
    }

    private static BridgeResult guarded(String name, BridgeCall call) {
        try {
            return call.run();
        } catch (ScriptArgumentException e) {
            return BridgeResult.error("TypeError", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BridgeResult.error("KeyboardInterrupt", name + "() was cancelled");
        } catch (IllegalArgumentException e) {
            return BridgeResult.error("ValueError", message(e));
        } catch (NoSuchElementException e) {
            return BridgeResult.error("KeyError", message(e));
        } catch (IndexOutOfBoundsException e) {
            return BridgeResult.error("IndexError", message(e));
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return BridgeResult.error("KeyboardInterrupt", name + "() was cancelled");
            }
            return BridgeResult.error("SpatialXError", message(e));
        }
    }

    private static String message(Throwable error) {
        Throwable shown = error;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }
}
