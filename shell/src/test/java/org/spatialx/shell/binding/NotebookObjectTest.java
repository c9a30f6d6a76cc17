package org.spatialx.shell.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialx.api.NotebookName;

/** Script objects: one Java object's annotated methods, or several objects' gathered under one name. */
class NotebookObjectTest {

    private final ObjectMapper mapper = WireJson.newMapper();

    /** An annotated functional interface, as the shell's connector factory is. */
    @FunctionalInterface
    interface Greeter {
        /** Greets someone. */
        @NotebookName("greet")
        String greet(String name, GreetOptions options);

        /** Options of {@link #greet}. */
        record GreetOptions(String greeting, int times) {
            /** The defaults. */
            public static GreetOptions defaults() {
                return new GreetOptions("Hello", 1);
            }
        }
    }

    /** A class with its own annotated method. */
    public static final class Clock {
        /** The time. */
        @NotebookName("now")
        public String now() {
            return "noon";
        }
    }

    @Test
    void aLambdaOfAnAnnotatedInterfaceIsBoundThroughTheInterfacesDeclaration() throws Exception {
        Greeter greeter = (name, options) -> (options.greeting() + ", " + name + "! ").repeat(options.times()).strip();
        NotebookObject object = NotebookObject.of(greeter);
        assertEquals(List.of("name", "greeting", "times"), object.member("greet").orElseThrow().keywordNames());
        assertEquals("greet(name, greeting='Hello', times=1)", object.member("greet").orElseThrow().signature());
        assertEquals("Hello, Ada!", object.call("greet", List.of(new TextNode("Ada")), Map.of(), mapper));
        assertEquals("Hi, Ada! Hi, Ada!", object.call("greet", List.of(),
                Map.of("name", new TextNode("Ada"), "greeting", new TextNode("Hi"), "times", mapper.valueToTree(2)), mapper));
    }

    @Test
    void aNamespaceGathersTheMembersOfSeveralObjects() throws Exception {
        Greeter greeter = (name, options) -> options.greeting() + " " + name;
        NotebookObject module = NotebookObject.namespace("module", List.of(greeter, new Clock()));
        assertEquals("module", module.typeName());
        assertEquals(List.of("greet", "now"), module.members().stream().map(NotebookMember::name).toList());
        assertEquals("noon", module.call("now", List.of(), Map.<String, JsonNode>of(), mapper));
        assertEquals("Hello Bo", module.call("greet", List.of(new TextNode("Bo")), Map.of(), mapper));
    }

    @Test
    void aNameBoundTwiceOrAMissingMemberIsRefused() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> NotebookObject.namespace("module", List.of(new Clock(), new Clock())));
        assertTrue(twice.getMessage().contains("bind 'now'"), twice.getMessage());
        ScriptArgumentException missing = assertThrows(ScriptArgumentException.class,
                () -> NotebookObject.of(new Clock()).call("later", List.of(), Map.of(), mapper));
        assertEquals("Clock has no method 'later'", missing.getMessage());
    }
}
