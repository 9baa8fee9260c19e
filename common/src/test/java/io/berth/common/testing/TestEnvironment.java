package io.berth.common.testing;

import io.berth.common.sys.Sys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (root, an installed tool, a fixture image) and the one rule for when
 * it is missing: under CI (environment variable {@code CI=true}, which CI sets when it runs {@code .ci/run})
 * the test fails, because a CI run that silently skips proves nothing; anywhere else it is skipped through
 * JUnit's {@link Assumptions#abort(String)}, so Surefire reports it as skipped with the reason. Either way
 * the message names what is missing and where it was looked for.
 *
 * <p>The fixture images are the docker-archive and OCI-archive tars of {@code fixture/busybox:1} and
 * {@code fixture/multilayer:1} in {@code shared/fixtures/images/}, a directory kept next to the
 * repository rather than in it; {@code -Dberth.fixtures=<dir>} points the tests at another directory
 * (and only there, so {@code -Dberth.fixtures=/nonexistent} shows what a machine without them does).
 */
public final class TestEnvironment {
    /** The system property that replaces the search for {@code shared/fixtures/images}: a directory. */
    public static final String FIXTURES_PROPERTY = "berth.fixtures";
    /** Where the fixture images sit below a {@code shared/} directory. */
    static final Path FIXTURES_BELOW_SHARED = Path.of("shared", "fixtures", "images");

    private final boolean ci;
    private final String fixturesDir;
    private final Path workingDirectory;
    private final boolean root;

    private TestEnvironment(boolean ci, String fixturesDir, Path workingDirectory, boolean root) {
        this.ci = ci;
        this.fixturesDir = fixturesDir;
        this.workingDirectory = workingDirectory;
        this.root = root;
    }

    /**
     * The environment of this test JVM: {@code CI} from the process environment, {@value #FIXTURES_PROPERTY}
     * from the system properties, the working directory (Surefire's is the module's directory) and the
     * effective user ID.
     *
     * @return the current environment
     */
    public static TestEnvironment current() {
        return of(System.getenv(), System.getProperties(), Path.of("").toAbsolutePath(), Sys.isRoot());
    }

    /**
     * An environment made of the given values (for testing this class).
     *
     * @param env environment variables; {@code CI} counts as set when it is {@code true} in any case
     * @param properties system properties; {@value #FIXTURES_PROPERTY} is read from them
     * @param workingDirectory an absolute directory where the search for {@code shared/} starts
     * @param root whether the test runs with effective user ID 0
     * @return the environment
     */
    static TestEnvironment of(Map<String, String> env, Properties properties, Path workingDirectory, boolean root) {
        return new TestEnvironment("true".equalsIgnoreCase(env.get("CI")), properties.getProperty(FIXTURES_PROPERTY),
                workingDirectory, root);
    }

    /** @return true under CI ({@code CI=true}), where a missing requirement fails the test */
    public boolean ci() {
        return ci;
    }

    /**
     * Lets the test go on if {@code met}; otherwise fails it (CI) or skips it (elsewhere).
     *
     * @param met whether the requirement holds
     * @param missing what is missing and where it was looked for, e.g. {@code "needs runc at /usr/sbin/runc"}
     * @throws org.opentest4j.AssertionFailedError if not met under CI
     * @throws org.opentest4j.TestAbortedException if not met elsewhere (JUnit reports a skip)
     */
    public void require(boolean met, String missing) {
        if (met) {
            return;
        }
        if (ci) {
            Assertions.fail(missing + " [CI=true: a test that cannot run fails instead of being skipped]");
        }
        Assumptions.abort(missing + " [skipped; with CI=true this fails]");
    }

    /**
     * Requires effective user ID 0.
     *
     * @param why what the test does that needs root, e.g. {@code "mount and mknod"}
     * @throws org.opentest4j.AssertionFailedError or {@link org.opentest4j.TestAbortedException} as
     *     {@link #require}
     */
    public void requireRoot(String why) {
        require(root, "needs root (" + why + "), but runs as user " + System.getProperty("user.name")
                + " (effective UID not 0)");
    }

    /**
     * Requires an executable file.
     *
     * @param path where the tool must be
     * @param what the tool, e.g. {@code "runc"}
     * @return {@code path}
     * @throws org.opentest4j.AssertionFailedError or {@link org.opentest4j.TestAbortedException} as
     *     {@link #require}
     */
    public Path requireExecutable(Path path, String what) {
        require(Files.isRegularFile(path) && Files.isExecutable(path),
                "needs " + what + " at " + path + ", but there is no executable file there");
        return path;
    }

    /**
     * Finds a fixture image: {@code <dir>/<name>} when {@code -D}{@value #FIXTURES_PROPERTY}{@code =<dir>}
     * is set, else {@code shared/fixtures/images/<name>} below the working directory or the nearest of its
     * parents that has it (from {@code <repo>/storage-service} that is {@code <repo>/../shared}).
     *
     * @param name file name, e.g. {@code busybox-1.docker-archive.tar}
     * @return the fixture's path, a regular file
     * @throws org.opentest4j.AssertionFailedError or {@link org.opentest4j.TestAbortedException} as
     *     {@link #require}, naming every directory looked in
     */
    public Path fixtureImage(String name) {
        List<Path> lookedIn = new ArrayList<>();
        if (fixturesDir != null) {
            lookedIn.add(Path.of(fixturesDir));
        } else {
            for (Path d = workingDirectory; d != null; d = d.getParent()) {
                lookedIn.add(d.resolve(FIXTURES_BELOW_SHARED));
            }
        }
        for (Path dir : lookedIn) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        String where = fixturesDir != null ? " (set by -D" + FIXTURES_PROPERTY + ")"
                : " (the directory shared/ next to the repository; -D" + FIXTURES_PROPERTY + "=<dir> to use another)";
        require(false, "needs the fixture image " + name + ", not found in "
                + lookedIn.stream().map(Path::toString).collect(Collectors.joining(", ")) + where);
        throw new AssertionError("unreachable");
    }
}
