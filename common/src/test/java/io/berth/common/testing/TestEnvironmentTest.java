package io.berth.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The CI rule (fail under CI=true, skip with the reason elsewhere) and the fixture search. */
class TestEnvironmentTest {
    private static final Map<String, String> CI = Map.of("CI", "true");
    private static final Map<String, String> LOCAL = Map.of();

    @TempDir
    Path tmp;

    private TestEnvironment env(Map<String, String> vars, Path cwd) {
        return TestEnvironment.of(vars, new Properties(), cwd, true);
    }

    private TestEnvironment withFixturesDir(Map<String, String> vars, String dir, Path cwd) {
        Properties p = new Properties();
        p.setProperty(TestEnvironment.FIXTURES_PROPERTY, dir);
        return TestEnvironment.of(vars, p, cwd, true);
    }

    @Test
    void ci_isTheEnvironmentVariableCiSetToTrue_inAnyCase() {
        assertTrue(env(CI, tmp).ci());
        assertTrue(env(Map.of("CI", "TRUE"), tmp).ci());
        assertFalse(env(Map.of("CI", "false"), tmp).ci());
        assertFalse(env(Map.of("CI", ""), tmp).ci());
        assertFalse(env(LOCAL, tmp).ci());
    }

    @Test
    void require_met_letsTheTestGoOn_inCiAndElsewhere() {
        env(CI, tmp).require(true, "unused");
        env(LOCAL, tmp).require(true, "unused");
    }

    @Test
    void require_unmetUnderCi_failsWithTheMessage() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> env(CI, tmp).require(false, "needs runc at /usr/sbin/runc"));
        assertEquals("needs runc at /usr/sbin/runc [CI=true: a test that cannot run fails instead of being skipped]",
                e.getMessage());
    }

    @Test
    void require_unmetElsewhere_skipsWithTheMessage() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> env(Map.of("CI", "false"), tmp).require(false, "needs runc at /usr/sbin/runc"));
        assertEquals("needs runc at /usr/sbin/runc [skipped; with CI=true this fails]", e.getMessage());
    }

    @Test
    void requireRoot_notRoot_namesWhatNeedsRootAndTheUser() {
        TestEnvironment notRoot = TestEnvironment.of(LOCAL, new Properties(), tmp, false);
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> notRoot.requireRoot("mount"));
        assertTrue(e.getMessage().startsWith("needs root (mount), but runs as user " + System.getProperty("user.name")),
                e.getMessage());
        assertThrows(AssertionFailedError.class,
                () -> TestEnvironment.of(CI, new Properties(), tmp, false).requireRoot("mount"));
        TestEnvironment.of(CI, new Properties(), tmp, true).requireRoot("mount");
    }

    @Test
    void requireExecutable_returnsThePath_orNamesWhereItWasLookedFor() throws IOException {
        Path tool = Files.createFile(tmp.resolve("tool"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path plain = Files.createFile(tmp.resolve("plain"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));
        assertEquals(tool, env(CI, tmp).requireExecutable(tool, "the tool"));

        AssertionFailedError missing = assertThrows(AssertionFailedError.class,
                () -> env(CI, tmp).requireExecutable(tmp.resolve("absent"), "runc"));
        assertTrue(missing.getMessage().startsWith("needs runc at " + tmp.resolve("absent")
                + ", but there is no executable file there"), missing.getMessage());
        assertThrows(TestAbortedException.class, () -> env(LOCAL, tmp).requireExecutable(tmp, "a directory"));
        // access(2) X_OK fails even for root when no execute bit is set
        assertThrows(TestAbortedException.class, () -> env(LOCAL, tmp).requireExecutable(plain, "plain"));
    }

    @Test
    void fixtureImage_isFoundInTheSharedDirectoryOfTheNearestParent() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("shared/fixtures/images"));
        Path archive = Files.writeString(images.resolve("busybox-1.docker-archive.tar"), "tar");
        Path module = Files.createDirectories(tmp.resolve("repo/storage-service"));
        assertEquals(archive, env(CI, module).fixtureImage("busybox-1.docker-archive.tar"));
    }

    @Test
    void fixtureImage_absent_namesEveryDirectoryLookedIn() throws IOException {
        Path module = Files.createDirectories(tmp.resolve("repo/storage-service"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> env(CI, module).fixtureImage("busybox-1.docker-archive.tar"));
        String m = e.getMessage();
        assertTrue(m.startsWith("needs the fixture image busybox-1.docker-archive.tar, not found in "
                + module.resolve("shared/fixtures/images") + ", " + tmp.resolve("repo/shared/fixtures/images")
                + ", " + tmp.resolve("shared/fixtures/images") + ", "), m);
        assertTrue(m.contains(", /shared/fixtures/images (the directory shared/ next to the repository; "
                + "-Dberth.fixtures=<dir> to use another) [CI=true"), m);

        TestAbortedException skip = assertThrows(TestAbortedException.class,
                () -> env(LOCAL, module).fixtureImage("busybox-1.docker-archive.tar"));
        assertTrue(skip.getMessage().endsWith("[skipped; with CI=true this fails]"), skip.getMessage());
    }

    @Test
    void fixtureImage_withTheProperty_looksOnlyInThatDirectory() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("shared/fixtures/images"));
        Files.writeString(images.resolve("busybox-1.docker-archive.tar"), "tar");
        Path other = Files.createDirectories(tmp.resolve("other"));
        Path there = Files.writeString(other.resolve("multilayer-1.docker-archive.tar"), "tar");

        assertEquals(there, withFixturesDir(CI, other.toString(), tmp).fixtureImage("multilayer-1.docker-archive.tar"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> withFixturesDir(CI, "/nonexistent", tmp).fixtureImage("busybox-1.docker-archive.tar"));
        assertEquals("needs the fixture image busybox-1.docker-archive.tar, not found in /nonexistent "
                + "(set by -Dberth.fixtures) [CI=true: a test that cannot run fails instead of being skipped]",
                e.getMessage());
    }
}
