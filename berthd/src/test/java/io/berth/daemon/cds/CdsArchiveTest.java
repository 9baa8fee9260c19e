package io.berth.daemon.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsArchiveTest {
    @TempDir
    Path dir;

    private CdsArchive archiveOfTwoJars() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("target/lib"));
        Files.writeString(lib.resolve("b.jar"), "bb");
        Files.writeString(lib.resolve("a.jar"), "a");
        Files.writeString(lib.resolve("x.pom"), "not on the class path");
        return CdsArchive.forClassPath(lib + "/*").orElseThrow();
    }

    @Test
    void forClassPath_directoryWildcard_listsItsJarsBesideTheArchive() throws Exception {
        CdsArchive a = archiveOfTwoJars();
        assertEquals(dir.resolve("target/berth.jsa"), a.archive());
        assertEquals(List.of("a.jar", "b.jar"), a.jars().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(dir.resolve("target/cds/engine-service-42.classlist"), a.classList("engine-service", 42));
    }

    @Test
    void forClassPath_notOneDirectory_hasNoArchive() {
        assertTrue(CdsArchive.forClassPath("/a.jar:/b.jar").isEmpty());
        assertTrue(CdsArchive.forClassPath(dir.resolve("missing") + "/*").isEmpty());
    }

    @Test
    void isCurrent_onlyWithTheStampOfTheseJars() throws Exception {
        CdsArchive a = archiveOfTwoJars();
        assertFalse(a.isCurrent());
        Files.writeString(a.archive(), "archive");
        Files.writeString(a.stampFile(), a.currentStamp(), StandardCharsets.UTF_8);
        assertTrue(a.isCurrent());
        Path jar = a.jars().get(0);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        assertFalse(a.isCurrent(), "a rebuilt jar makes the archive stale");
    }

    @Test
    void jvmFlags_currentMapsTheArchive_elseRecordsAClassList() throws Exception {
        CdsArchive a = archiveOfTwoJars();
        assertTrue(a.jvmFlags(true, "monitor-service", 7).contains("-XX:SharedArchiveFile=" + a.archive()));
        assertTrue(a.jvmFlags(true, "monitor-service", 7).contains("-XX:ArchiveRelocationMode=0"));
        assertEquals(List.of("-XX:DumpLoadedClassList=" + a.classList("monitor-service", 7)),
                a.jvmFlags(false, "monitor-service", 7));
        assertTrue(Files.isDirectory(a.classListDir()));
    }

    @Test
    void merge_keepsEachCompleteLineOnceInFirstSeenOrder() throws Exception {
        Path l1 = Files.writeString(dir.resolve("a.classlist"), "# comment\njava/lang/Object\nio/berth/A\n");
        Path l2 = Files.writeString(dir.resolve("b.classlist"), "java/lang/Object\nio/berth/B\nio/berth/Partl");
        assertEquals(List.of("java/lang/Object", "io/berth/A", "io/berth/B"), CdsArchiveBuilder.merge(List.of(l1, l2)));
    }

    @Test
    void classLists_onlyThoseOfThisBerthd() throws Exception {
        CdsArchive a = archiveOfTwoJars();
        Files.createDirectories(a.classListDir());
        Files.writeString(a.classList("berthd", 7), "x\n");
        Files.writeString(a.classList("api-gateway", 7), "y\n");
        Files.writeString(a.classList("api-gateway", 8), "z\n");
        assertEquals(List.of(a.classList("api-gateway", 7), a.classList("berthd", 7)),
                new CdsArchiveBuilder(a, "java", 7).classLists());
    }
}
