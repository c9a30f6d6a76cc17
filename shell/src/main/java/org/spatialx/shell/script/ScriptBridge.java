package org.spatialx.shell.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.HostAccess;
import org.spatialx.shell.binding.ApiEnums;
import org.spatialx.shell.binding.NotebookApi;
import org.spatialx.shell.binding.NotebookMember;
import org.spatialx.shell.binding.ScriptArgumentException;

/**
 * The one host object the Python and JavaScript preludes talk to. Everything crosses as JSON text
 * or opaque bound objects, so the preludes turn results into native dicts/lists (JS objects/arrays)
 * and Java exceptions into script exceptions carrying the connector's message.
 */
public final class ScriptBridge {

    private final ObjectMapper mapper = org.spatialx.shell.binding.WireJson.newMapper();
    private final ConnectorFactory connectors;
    private final List<String> argv;
    private final NotebookDocs docs;
    private final Map<String, ScriptFunction> functions;

    /**
     * A bridge that opens connectors with {@code connectors}.
     *
     * @param argv      the script name then its arguments ({@code sys.argv}, {@code argv})
     * @param functions extra Java functions scripts call by name (e.g. {@code render_spatial})
     */
    public ScriptBridge(ConnectorFactory connectors, List<String> argv, NotebookDocs docs, Map<String, ScriptFunction> functions) {
        this.connectors = connectors;
        this.argv = List.copyOf(argv);
        this.docs = docs;
        this.functions = Map.copyOf(functions);
    }

    /** A Java function exposed to scripts: JSON keyword arguments in, a JSON-mappable result out. */
    @FunctionalInterface
    public interface ScriptFunction {
        /** Runs the function. */
        Object apply(Map<String, Object> kwargs) throws Exception;
    }

    /** {@code SpatialXConnector(domain, token, **options)}. */
    @HostAccess.Export
    public BridgeResult connect(String domain, String token, String optionsJson) {
        return guarded("SpatialXConnector", () -> {
            Map<String, Object> options = mapper.readValue(optionsJson, new TypeReference<LinkedHashMap<String, Object>>() { });
            return wrap(connectors.open(domain == null ? "" : domain.strip(), token == null ? "" : token, options));
        });
    }

    /** Calls the notebook member {@code name} of {@code target}; arguments as JSON (a list and an object). */
    @HostAccess.Export
    public BridgeResult call(Object target, String name, String argsJson, String kwargsJson) {
        return guarded(name, () -> {
            NotebookMember member = member(target, name)
                    .orElseThrow(() -> new ScriptArgumentException(typeName(target) + " has no method '" + name + "'"));
            List<JsonNode> positional = new ArrayList<>();
            mapper.readTree(argsJson).forEach(positional::add);
            Map<String, JsonNode> named = new LinkedHashMap<>();
            mapper.readTree(kwargsJson).properties().forEach(e -> named.put(e.getKey(), e.getValue()));
            return wrap(member.invoke(target, positional, named, mapper));
        });
    }

    /** Calls the Java function {@code name} registered with the bridge. */
    @HostAccess.Export
    public BridgeResult function(String name, String kwargsJson) {
        return guarded(name, () -> {
            ScriptFunction function = functions.get(name);
            if (function == null) {
                throw new ScriptArgumentException("No function '" + name + "'; available: " + String.join(", ", functions.keySet()));
            }
            return wrap(function.apply(mapper.readValue(kwargsJson, new TypeReference<LinkedHashMap<String, Object>>() { })));
        });
    }

    /** {@code property}, {@code method}, or null when {@code target} has no member {@code name}. */
    @HostAccess.Export
    public String kind(Object target, String name) {
        return member(target, name).map(m -> m.property() ? "property" : "method").orElse(null);
    }

    /** The member names of {@code target}, as a JSON list (for {@code dir()} and completion). */
    @HostAccess.Export
    public String namesJson(Object target) {
        return json(NotebookApi.of(target.getClass()).members().stream().map(NotebookMember::name).toList());
    }

    /** The keyword names of a member, as a JSON list. */
    @HostAccess.Export
    public String keywordsJson(Object target, String name) {
        return json(member(target, name).map(NotebookMember::keywordNames).orElse(List.of()));
    }

    /** The help text of a member: its Python signature and Javadoc. */
    @HostAccess.Export
    public String doc(Object target, String name) {
        return member(target, name).map(docs::describe).orElse("No help for '" + name + "'");
    }

    /** The help text of a bound object: its members with their signatures. */
    @HostAccess.Export
    public String docOf(Object target) {
        return docs.describe(NotebookApi.of(target.getClass()));
    }

    /** The simple Java class name of a bound object (never its {@code toString}, which may hold a token). */
    @HostAccess.Export
    public String typeName(Object target) {
        return target.getClass().getSimpleName();
    }

    /** Every api enum with its members and wire values: {@code {"Species": {"HUMAN": "human"}}}. */
    @HostAccess.Export
    public String enumsJson() {
        Map<String, Map<String, Object>> enums = new LinkedHashMap<>();
        ApiEnums.byName().forEach((name, type) -> enums.put(name, ApiEnums.members(type)));
        return json(enums);
    }

    /** The script name then its arguments. */
    @HostAccess.Export
    public String argvJson() {
        return json(argv);
    }

    /** The process environment, as a JSON object. */
    @HostAccess.Export
    public String envJson() {
        return json(new java.util.TreeMap<>(System.getenv()));
    }

    /** The names of the Java functions scripts can call. */
    @HostAccess.Export
    public String functionsJson() {
        return json(functions.keySet().stream().sorted().toList());
    }

    private Optional<NotebookMember> member(Object target, String name) {
        return target == null ? Optional.empty() : NotebookApi.of(target.getClass()).member(name);
    }

    private BridgeResult wrap(Object value) throws JsonProcessingException {
        if (NotebookApi.isBound(value)) {
            return BridgeResult.object(value);
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
