package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProcessesTest {
    private static final String ID = "e".repeat(64);
    private static final String OTHER = "f".repeat(64);

    @TempDir
    Path proc;

    private void process(int pid, String comm, String cgroup, String... args) throws Exception {
        Path d = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(d.resolve("comm"), comm + "\n");
        Files.writeString(d.resolve("cgroup"), cgroup);
        Files.writeString(d.resolve("cmdline"), String.join("\0", args) + "\0");
    }

    @Test
    void conmonsOfThisExecRootOnly() throws Exception {
        process(10, "conmon", "0::/\n", "/usr/bin/conmon", "-c", ID, "-b", "/x/exec/containers/" + ID);
        process(11, "conmon", "0::/\n", "/usr/bin/conmon", "-c", OTHER, "-b", "/x/exec2/containers/" + OTHER);
        process(12, "sleep", "0::/\n", "sleep", "-c", ID, "/x/exec/containers/" + ID);
        Files.createDirectories(proc.resolve("self"));

        assertEquals(List.of(new HostProcesses.Owned(10, ID)), new HostProcesses(proc).conmons(Path.of("/x/exec")));
    }

    @Test
    void processesInContainerCgroups_nestedParentsToo_otherParentsNot() throws Exception {
        process(20, "runc:[2:INIT]", "4:memory:/process_api/abc/berth/" + ID + "\n1:cpu:/berth/" + ID + "\n", "runc");
        process(21, "sleep", "1:cpu:/berth-other/" + OTHER + "\n", "sleep");
        process(22, "sh", "1:cpu:/berth/notanid\n", "sh");
        process(23, "sh", "0::/x/berth/" + OTHER + "/sub\n", "sh");

        List<HostProcesses.Owned> found = new HostProcesses(proc).inContainerCgroups("/berth").stream()
                .sorted(java.util.Comparator.comparingLong(HostProcesses.Owned::pid)).toList();

        assertEquals(List.of(new HostProcesses.Owned(20, ID), new HostProcesses.Owned(23, OTHER)), found);
    }
}
