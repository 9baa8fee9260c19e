package io.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.PermissionDeniedException;
import io.berth.engine.TestConfigs;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.ContainerStore;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.PathStat;
import io.berth.proto.engine.v1.PutArchiveTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** The three operations over a real directory as the container's root; store, roots and events mocked. */
@ExtendWith(MockitoExtension.class)
class ContainerArchivesTest {
    @TempDir
    Path root;
    @Mock
    ContainerStore store;
    @Mock
    ContainerRoots roots;
    @Mock
    ContainerEvents events;

    private ContainerRecord record;

    @BeforeEach
    void container() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/shadow"), "container-shadow\n");
        Files.createSymbolicLink(root.resolve("x"), Path.of("../../../etc/shadow"));
        use(ContainerRecord.DEFAULT_HOST_CONFIG);
    }

    private void use(HostConfig hc) throws Exception {
        record = new ContainerRecord("ab".repeat(32), "/web", Instant.EPOCH, "sh", List.of(),
                TestConfigs.config("img", List.of("sh")), hc, ContainerState.created(), "sha256:x", "vfs", null,
                null, "/l", "/h", "/hs", "/r", 0, "linux", List.of());
        Container c = new Container(record);
        lenient().when(store.get("web")).thenReturn(c);
        lenient().when(roots.open(c)).thenAnswer(i -> new OpenRoot(ScopedRoot.open(root), record, List.of()));
    }

    private ContainerArchives archives() {
        return new ContainerArchives(store, roots, events);
    }

    @Test
    void stat_ofAClimbingLink_isTheLinkWithItsTargetResolvedInTheRoot() throws Exception {
        PathStat s = archives().stat("web", "/x");
        assertEquals("x", s.getName());
        assertEquals((int) ((1L << 27) | 0777), s.getMode());
        assertEquals("/etc/shadow", s.getLinkTarget());
    }

    @Test
    void stat_missing_isDockerdsMessageWithTheClientsName() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> archives().stat("web", "/no/such"));
        assertEquals("Could not find the file /no/such in container web", e.getMessage());
    }

    @Test
    void get_throughATrailingSlash_readsTheContainersFileRebasedAndPublishesArchivePath() throws Exception {
        Files.createSymbolicLink(root.resolve("etclink"), Path.of("/etc"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<PathStat> stats = new ArrayList<>();
        archives().get("web", "/etclink/", stat -> {
            stats.add(stat);
            return out;
        });
        assertEquals("etclink", stats.get(0).getName());
        assertTrue((stats.get(0).getMode() & (1 << 31)) != 0, "a directory");
        List<String> names = new ArrayList<>();
        String shadow = null;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().endsWith("shadow")) {
                    shadow = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertEquals(List.of("etclink/", "etclink/shadow"), names);
        assertEquals("container-shadow\n", shadow);
        verify(events).publish(record, "archive-path");
    }

    private static byte[] oneFileTar(String name) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(2);
            t.putArchiveEntry(e);
            t.write("hi".getBytes(StandardCharsets.UTF_8));
            t.closeArchiveEntry();
        }
        return b.toByteArray();
    }

    @Test
    void put_throughALinkToAFile_isNotADirectory() {
        PutArchiveTarget t = PutArchiveTarget.newBuilder().setContainer("web").setPath("/x").build();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> archives().put(t, new ByteArrayInputStream(oneFileTar("f"))));
        assertEquals("extraction point is not a directory", e.getMessage());
        verify(events, never()).publish(any(), eq("extract-to-dir"));
    }

    @Test
    void put_intoTheRootfsOfAReadOnlyContainer_isRefusedButAWritableBindIsNot() throws Exception {
        Files.createDirectories(root.resolve("data"));
        use(ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder().setReadonlyRootfs(true)
                .addBinds(root.resolve("elsewhere") + ":/data").build());
        PutArchiveTarget etc = PutArchiveTarget.newBuilder().setContainer("web").setPath("/etc").build();
        PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                () -> archives().put(etc, new ByteArrayInputStream(oneFileTar("f"))));
        assertEquals("container rootfs is marked read-only", e.getMessage());

        archives().put(PutArchiveTarget.newBuilder().setContainer("web").setPath("/data").build(),
                new ByteArrayInputStream(oneFileTar("f")));
        assertEquals("hi", Files.readString(root.resolve("data/f")));
        verify(events).publish(record, "extract-to-dir");
    }

    @Test
    void put_missingDirectory_isNotFound() {
        PutArchiveTarget t = PutArchiveTarget.newBuilder().setContainer("web").setPath("/nosuch").build();
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> archives().put(t, new ByteArrayInputStream(new byte[0])));
        assertEquals("Could not find the file /nosuch in container web", e.getMessage());
    }
}
