package io.berth.daemon.cds;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one AppCDS archive (class-data sharing, JDK 17's {@code -Xshare}) that berthd and the four service JVMs
 * map read-only: they share one class path ({@code berthd/target/lib/*}), so one archive holds the classes of
 * all five, and the kernel keeps one copy of its pages for all of them. It lives next to the class path
 * directory ({@code berthd/target/berth.jsa}), with a stamp file ({@code berth.jsa.stamp}) naming the JDK
 * and every jar (name, size, modification time) it was made from: an archive whose stamp differs from the
 * current class path is stale. The JVM itself also refuses a mismatching archive, but silently and by
 * dropping class sharing altogether (even the JDK's own default archive), which is why berthd checks first.
 *
 * <p>{@code -XX:ArchiveRelocationMode=0}: this JDK (17.0.15) otherwise maps the archive at a random address
 * and patches every pointer in it, which turns all its pages private to each JVM (measured: 38 of its 46 MiB
 * resident per JVM were private dirty), so nothing is shared. Mode 0 maps it at the address it was dumped for
 * (giving up address randomisation of the archive only; if that address is taken the JVM relocates after
 * all).
 *
 * <p>While there is no current archive, every JVM writes the classes it loads to
 * {@code berthd/target/cds/<process>-<berthd pid>.classlist} ({@code -XX:DumpLoadedClassList}); berthd then
 * merges the lists and dumps the archive ({@link CdsArchiveBuilder}), used from the next start on.
 *
 * @param archive the archive file
 * @param classPath the class path as the JVMs get it ({@code <dir>/*})
 * @param jars the jars that class path expands to
 */
public record CdsArchive(Path archive, String classPath, List<Path> jars) {
    /** File name of the archive, in the parent of the class path directory. */
    public static final String FILE_NAME = "berth.jsa";

    /**
     * @param classPath the class path of the JVMs
     * @return the archive for it, or empty if it is not of the form {@code <dir>/*} (a test's or an IDE's
     *     class path: no sharing then)
     */
    public static Optional<CdsArchive> forClassPath(String classPath) {
        if (!classPath.endsWith(File.separator + "*") || classPath.contains(File.pathSeparator)) {
            return Optional.empty();
        }
        Path dir = Path.of(classPath.substring(0, classPath.length() - 2)).toAbsolutePath();
        if (dir.getParent() == null || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            // The java launcher expands "dir/*" to the directory's .jar and .JAR files.
            s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar"))
                    .sorted().forEach(jars::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new CdsArchive(dir.getParent().resolve(FILE_NAME), classPath, List.copyOf(jars)));
    }

    /** @return the stamp file beside the archive */
    public Path stampFile() {
        return archive.resolveSibling(FILE_NAME + ".stamp");
    }

    /** @return the directory of the class lists written while there is no current archive */
    public Path classListDir() {
        return archive.resolveSibling("cds");
    }

    /**
     * @param processName the JVM's process name ("berthd", "monitor-service", ...)
     * @param berthdPid berthd's pid (keeps the lists of two berthds on one build apart)
     * @return where that JVM writes its class list
     */
    public Path classList(String processName, long berthdPid) {
        return classListDir().resolve(processName + "-" + berthdPid + ".classlist");
    }

    /**
     * The stamp of the current JDK and class path: one line for the JDK ({@code java.home} and
     * {@code java.vm.version}), then one line per jar, sorted: "name size mtime-in-ms".
     *
     * @return the stamp text
     * @throws IOException if a jar cannot be read
     */
    public String currentStamp() throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("jdk ").append(System.getProperty("java.home")).append(' ')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (Path jar : jars) {
            BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
            b.append(jar.getFileName()).append(' ').append(a.size()).append(' ')
                    .append(a.lastModifiedTime().toMillis()).append('\n');
        }
        return b.toString();
    }

    /** @return true if the archive exists and was made from exactly this JDK and these jars */
    public boolean isCurrent() {
        try {
            return Files.isRegularFile(archive) && Files.isRegularFile(stampFile())
                    && Files.readString(stampFile(), StandardCharsets.UTF_8).equals(currentStamp());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The JVM flags of one JVM on this class path: the archive if it is current, else the class list to
     * record (when its directory can be made; nothing otherwise).
     *
     * @param current whether the archive is current ({@link #isCurrent()}, checked once per start)
     * @param processName the JVM's process name
     * @param berthdPid berthd's pid
     * @return the flags
     */
    public List<String> jvmFlags(boolean current, String processName, long berthdPid) {
        if (current) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:ArchiveRelocationMode=0");
        }
        try {
            Files.createDirectories(classListDir());
        } catch (IOException e) {
            return List.of();
        }
        return List.of("-XX:DumpLoadedClassList=" + classList(processName, berthdPid));
    }
}
