package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The daemon-wide log settings, {@code berthd --log-opt k=v} and {@code --log-driver}, against a real
 * {@code bin/berthd} with the real docker CLI: merged into each container's LogConfig at create as dockerd's
 * {@code mergeAndVerifyLogConfig} does (the default options fill the keys a container leaves unset, for the
 * default driver only), honoured by rotation, and shown by {@code docker info} (LoggingDriver). The last test
 * restarts berthd with {@code --log-driver none}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogDaemonDefaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2()
            .withArgs("--log-opt", "max-size=1k", "--log-opt", "max-file=2");

    BerthdProcess daemon;
    DockerCli docker;
    ContainerNames names;

    @BeforeAll
    void bindDaemon() {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        names = new ContainerNames(docker);
    }

    @AfterEach
    void removeContainers() throws Exception {
        names.removeAll();
    }

    @Test
    @Order(1)
    void daemonLogOpts_fillEachContainersLogConfig_andRotateItsLog() throws Exception {
        assertEquals("json-file\n", docker.ok("info", "--format", "{{.LoggingDriver}}"));
        String c = names.next("defaults");
        docker.ok("run", "-d", "--name", c, WalkingSkeletonContract.BUSYBOX, "sh", "-c", LogsIT.numbered(300, "0.005"));
        assertEquals("0\n", docker.ok("wait", c));
        JsonNode info = inspect(c);
        assertEquals("json-file {\"max-file\":\"2\",\"max-size\":\"1k\"}",
                logConfig(info));
        String id = info.path("Id").asText();
        assertEquals(List.of(id + "-k8s.log", id + "-k8s.log.1"), logFiles(id));
        LogsIT.assertLastNumbered(List.of(docker.ok("logs", c).split("\n")), 300, 10);

        String own = names.next("own-max-file");
        docker.ok("create", "--name", own, "--log-opt", "max-file=5", WalkingSkeletonContract.BUSYBOX, "true");
        assertEquals("json-file {\"max-file\":\"5\",\"max-size\":\"1k\"}",
                logConfig(inspect(own)));
        String none = names.next("own-driver");
        docker.ok("create", "--name", none, "--log-driver", "none", WalkingSkeletonContract.BUSYBOX, "true");
        assertEquals("none {}", logConfig(inspect(none)));
    }

    @Test
    @Order(2)
    void daemonLogDriverNone_isInfosLoggingDriver_andEachNewContainersDriver() throws Exception {
        assertEquals(0, daemon.stop());
        daemon.replaceExtraArgs("--log-driver", "none");
        daemon.start();
        assertEquals("none\n", docker.ok("info", "--format", "{{.LoggingDriver}}"));
        String c = names.next("daemon-none");
        assertEquals("quiet\n", docker.ok("run", "--name", c, WalkingSkeletonContract.BUSYBOX, "echo", "quiet"));
        assertEquals("none", inspect(c).at("/HostConfig/LogConfig/Type").asText());
        DockerCli.Result logs = docker.run("logs", c);
        assertEquals("Error response from daemon: configured logging driver does not support reading\n",
                logs.stderr(), logs.toString());
    }

    private JsonNode inspect(String name) throws Exception {
        return JSON.readTree(docker.ok("inspect", name)).get(0);
    }

    /** @return HostConfig.LogConfig as "Type Config-JSON" (the gateway writes Config's keys sorted) */
    private static String logConfig(JsonNode inspect) {
        JsonNode lc = inspect.at("/HostConfig/LogConfig");
        return lc.path("Type").asText() + " " + lc.path("Config");
    }

    private List<String> logFiles(String id) throws IOException {
        try (Stream<Path> s = Files.list(daemon.dataRoot.resolve("containers").resolve(id))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(id + "-k8s.log")).sorted()
                    .toList();
        }
    }
}
