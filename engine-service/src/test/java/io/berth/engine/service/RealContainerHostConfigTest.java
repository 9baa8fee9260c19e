package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.WaitCondition;
import io.berth.engine.container.Waiters;
import io.berth.engine.logs.K8sFileLog;
import io.berth.engine.logs.LogQuery;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs a real container with runc under conmon and checks, from inside it, what the HostConfig options put
 * in the runtime spec do: binds (read-write, read-only, a missing host path created), a tmpfs with a size,
 * an ulimit and dropped capabilities. Needs root, runc, conmon and busybox ({@link RealEngineTest}).
 */
class RealContainerHostConfigTest extends RealEngineTest {

    @Test
    void run_bindsTmpfsUlimitCapDrop_seenInsideTheContainer() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.writeString(shared.resolve("in.txt"), "from-host\n");
        Path readOnly = Files.createDirectories(tmp.resolve("ro"));
        Path created = tmp.resolve("new/dir");
        HostConfig hc = HostConfig.newBuilder()
                .addAllBinds(List.of(shared + ":/x", readOnly + ":/ro:ro", created + ":/made"))
                .putAllTmpfs(Map.of("/scratch", "size=1m"))
                .addAllUlimits(List.of(TestConfigs.ulimit("nofile", 100, 100)))
                .addAllCapDrop(List.of("ALL")).addAllCapAdd(List.of("CHOWN")).build();
        String script = "cat /x/in.txt; echo from-container > /x/out.txt; ulimit -n;"
                + " touch /ro/f 2>/dev/null && echo ro-writable || echo ro-refused;"
                + " touch /made/f && echo made-ok; cat /proc/self/status /proc/self/mounts";

        List<String> lines = run(hc, script);

        assertEquals("from-host", lines.get(0));
        assertEquals("from-container\n", Files.readString(shared.resolve("out.txt")));
        assertEquals("100", lines.get(1));
        assertEquals("ro-refused", lines.get(2));
        assertEquals("made-ok", lines.get(3));
        assertTrue(Files.isDirectory(created));
        assertTrue(lines.contains("CapEff:\t0000000000000001"), lines.toString());
        assertTrue(lines.contains("CapBnd:\t0000000000000001"), lines.toString());
        String scratch = lines.stream().filter(l -> l.startsWith("tmpfs /scratch tmpfs ")).findFirst().orElse("");
        assertTrue(scratch.contains("size=1024k") && scratch.contains("noexec") && scratch.contains("nosuid"),
                lines.toString());
    }

    private List<String> run(HostConfig hc, String script) throws Exception {
        ContainerRecord r = e.create(TestConfigs.config(RealEngine.IMAGE, List.of("sh", "-c", script)), hc);
        CompletableFuture<Waiters.Result> exit = new CompletableFuture<>();
        e.get(ContainerWaits.class).await(r.id(), WaitCondition.NEXT_EXIT, exit::complete);

        e.get(ContainerStarter.class).start(r.id());

        assertEquals(0, exit.get(60, TimeUnit.SECONDS).statusCode());
        RealContainerCleanup.assertNothingLeft(e.config, e.cgroupParent, r.id(), e.get(RootfsMounter.class));
        return new K8sFileLog(Path.of(r.logPath()), true).readAll().stream()
                .map(le -> new String(le.data(), StandardCharsets.UTF_8))
                .flatMap(s -> s.lines()).toList();
    }
}
