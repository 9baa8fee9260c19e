package io.berth.gateway.testing;

import java.util.function.BooleanSupplier;

/** Waits for a condition another thread makes true (not a timing assertion: the limit only stops a hung test). */
public final class Await {
    private Await() {
    }

    /**
     * @param what description for the failure message
     * @param condition the condition
     */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
