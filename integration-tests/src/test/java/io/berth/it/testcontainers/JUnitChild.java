package io.berth.it.testcontainers;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one JUnit 5 class with the JUnit Platform launcher in this JVM and exits 0 when every test passed (1
 * otherwise, 2 when none ran), printing the summary and each failure: how {@code FixtureTestcontainersIT} runs
 * {@link FixtureContainerCase} in a JVM whose environment names berth's socket.
 */
public final class JUnitChild {
    private JUnitChild() {
    }

    /**
     * @param args the test class's name
     */
    public static void main(String[] args) throws Exception {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(args[0]))).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 30);
        out.println("tests succeeded: " + summary.getTestsSucceededCount() + ", failed: "
                + summary.getTotalFailureCount());
        out.flush();
        System.exit(summary.getTestsStartedCount() == 0 ? 2 : summary.getTotalFailureCount() > 0 ? 1 : 0);
    }
}
