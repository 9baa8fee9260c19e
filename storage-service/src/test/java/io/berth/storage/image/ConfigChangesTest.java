package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docker commit/import {@code --change} as dockerd 20.10's BuildFromConfig applies it. */
class ConfigChangesTest {
    private static ObjectNode apply(String... changes) {
        ObjectNode c = ImageImporter.emptyContainerConfig();
        ConfigChanges.apply(c, List.of(changes));
        return c;
    }

    @Test
    void cmdAndEntrypoint_jsonAndShellForms() {
        ObjectNode c = apply("CMD [\"/bin/sh\", \"-c\", \"echo hi\"]", "ENTRYPOINT /bin/tini --");
        assertEquals("[\"/bin/sh\",\"-c\",\"/bin/tini --\"]", c.get("Entrypoint").toString());
        assertEquals("[\"/bin/sh\",\"-c\",\"echo hi\"]", c.get("Cmd").toString(),
                "a CMD before the ENTRYPOINT in the same list stays");
        assertEquals("[\"/bin/sh\",\"-c\",\"echo a b\"]", apply("cmd echo a b").get("Cmd").toString());
    }

    @Test
    void entrypointAlone_clearsCmd() {
        ObjectNode c = ImageImporter.emptyContainerConfig();
        c.putArray("Cmd").add("sh");
        ConfigChanges.apply(c, List.of("ENTRYPOINT [\"top\"]"));
        assertEquals("null", c.get("Cmd").toString());
        assertEquals("[\"top\"]", c.get("Entrypoint").toString());
    }

    @Test
    void variables_expandFromEnvInTheInstructionsMobyExpands() {
        ObjectNode c = ImageImporter.emptyContainerConfig();
        c.putArray("Env").add("PATH=/usr/bin").add("EMPTY=");
        ConfigChanges.apply(c, List.of("ENV A=1 DIR=/srv", "LABEL x=$A y=${A}b z=\"$DIR/q\" 'lit=$A' esc=\\$A",
                "ENV P=$PATH:/opt/bin D=${EMPTY:-dflt} E=${A:+set} F=${NONE:+set} G=$NONE.", "WORKDIR $DIR/app",
                "USER ${A}000", "EXPOSE 80$A", "VOLUME [\"$DIR/data\"]", "STOPSIGNAL SIG${NONE:-TERM}",
                "CMD echo $A", "ENV L legacy $A", "HEALTHCHECK CMD test $A"));
        assertEquals("1", c.at("/Labels/x").asText());
        assertEquals("1b", c.at("/Labels/y").asText());
        assertEquals("/srv/q", c.at("/Labels/z").asText());
        assertEquals("$A", c.at("/Labels/lit").asText(), "no expansion in single quotes");
        assertEquals("$A", c.at("/Labels/esc").asText(), "nor after a backslash");
        assertEquals("[\"PATH=/usr/bin\",\"EMPTY=\",\"A=1\",\"DIR=/srv\",\"P=/usr/bin:/opt/bin\","
                + "\"D=dflt\",\"E=set\",\"F=\",\"G=.\",\"L=legacy 1\"]", c.get("Env").toString());
        assertEquals("/srv/app", c.get("WorkingDir").asText());
        assertEquals("1000", c.get("User").asText());
        assertEquals("{\"801/tcp\":{}}", c.get("ExposedPorts").toString());
        assertEquals("{\"/srv/data\":{}}", c.get("Volumes").toString());
        assertEquals("SIGTERM", c.get("StopSignal").asText());
        assertEquals("[\"/bin/sh\",\"-c\",\"echo $A\"]", c.get("Cmd").toString(), "CMD is not expanded");
        assertEquals("[\"CMD-SHELL\",\"test $A\"]", c.at("/Healthcheck/Test").toString(), "nor HEALTHCHECK");
    }

    @Test
    void variables_notInTheConfig_comeFromTheContainersEnv() {
        ObjectNode c = ImageImporter.emptyContainerConfig();
        ConfigChanges.apply(c, List.of("ENV A=2", "LABEL a=$A b=$FROM_CONTAINER"),
                io.berth.common.json.Json.MAPPER.createArrayNode().add("A=0").add("FROM_CONTAINER=yes"));
        assertEquals("2", c.at("/Labels/a").asText(), "the change list's ENV comes first");
        assertEquals("yes", c.at("/Labels/b").asText());
    }

    @Test
    void env_bothFormsAndReplaceInPlace() {
        ObjectNode c = apply("ENV A=1 B=\"two words\"", "ENV C three four", "ENV A=one");
        assertEquals("[\"A=one\",\"B=two words\",\"C=three four\"]", c.get("Env").toString());
    }

    @Test
    void labelExposeVolumeUserStopSignalOnbuild() {
        ObjectNode c = apply("LABEL a=b \"c d\"=e", "EXPOSE 80 53/udp 8000-8001", "VOLUME [\"/data\"]",
                "VOLUME /x /y", "USER nobody", "STOPSIGNAL SIGINT", "ONBUILD run echo hi");
        assertEquals("{\"a\":\"b\",\"c d\":\"e\"}", c.get("Labels").toString());
        assertEquals("{\"80/tcp\":{},\"53/udp\":{},\"8000/tcp\":{},\"8001/tcp\":{}}",
                c.get("ExposedPorts").toString());
        assertEquals("{\"/data\":{},\"/x\":{},\"/y\":{}}", c.get("Volumes").toString());
        assertEquals("nobody", c.get("User").asText());
        assertEquals("SIGINT", c.get("StopSignal").asText());
        assertEquals("[\"RUN echo hi\"]", c.get("OnBuild").toString());
    }

    @Test
    void workdir_relativeJoinsTheCurrentOne() {
        assertEquals("/a/c", apply("WORKDIR /a/b", "WORKDIR ../c").get("WorkingDir").asText());
        assertEquals("/rel", apply("WORKDIR rel").get("WorkingDir").asText());
    }

    @Test
    void healthcheck_optionsInNanosecondsAndNone() {
        assertEquals("{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":1500000000,\"Retries\":3}",
                apply("HEALTHCHECK --interval=1.5s --retries=3 CMD true").get("Healthcheck").toString());
        assertEquals("{\"Test\":[\"CMD\",\"/ok\"],\"Timeout\":60000000000}",
                apply("HEALTHCHECK --timeout=1m CMD [\"/ok\"]").get("Healthcheck").toString());
        assertEquals("{\"Test\":[\"NONE\"]}", apply("HEALTHCHECK NONE").get("Healthcheck").toString());
        assertThrows(InvalidArgumentException.class, () -> apply("HEALTHCHECK --interval=x CMD true"));
    }

    @Test
    void refusals_withDockerdsMessages() {
        assertEquals("run is not a valid change command",
                assertThrows(InvalidArgumentException.class, () -> apply("RUN echo")).getMessage());
        assertEquals("from is not a valid change command",
                assertThrows(InvalidArgumentException.class, () -> apply("FROM x")).getMessage());
        assertThrows(InvalidArgumentException.class, () -> apply("EXPOSE 70000"));
        assertThrows(InvalidArgumentException.class, () -> apply("ONBUILD FROM x"));
        assertThrows(InvalidArgumentException.class, () -> apply("LABEL novalue"));
        assertThrows(InvalidArgumentException.class, () -> apply("USER"));
    }
}
