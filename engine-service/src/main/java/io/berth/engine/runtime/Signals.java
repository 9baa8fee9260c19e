package io.berth.engine.runtime;

import io.berth.common.errors.InvalidArgumentException;
import java.util.Locale;
import java.util.Map;

/** Linux (x86_64) signal names and numbers, parsed the way dockerd's {@code signal.ParseSignal} does. */
public final class Signals {
    /** SIGKILL. */
    public static final int SIGKILL = 9;
    /** SIGTERM. */
    public static final int SIGTERM = 15;

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31));

    private Signals() {
    }

    /** SIGRTMIN and SIGRTMAX on Linux as Go's syscall package numbers them (glibc reserves 32 and 33). */
    private static final int RTMIN = 34;
    private static final int RTMAX = 64;

    /**
     * Go's Linux signal map names the real-time signals RTMIN, RTMIN+1 ... RTMIN+15, RTMAX-14 ... RTMAX-1 and
     * RTMAX (moby pkg/signal signal_linux.go).
     *
     * @param name upper case, without "SIG"
     * @return the number, or null if it is not one of those names
     */
    private static Integer realtime(String name) {
        if (name.equals("RTMIN")) {
            return RTMIN;
        }
        if (name.equals("RTMAX")) {
            return RTMAX;
        }
        try {
            if (name.startsWith("RTMIN+")) {
                int k = Integer.parseInt(name.substring(6));
                return k >= 1 && k <= 15 && name.substring(6).equals(Integer.toString(k)) ? RTMIN + k : null;
            }
            if (name.startsWith("RTMAX-")) {
                int k = Integer.parseInt(name.substring(6));
                return k >= 1 && k <= 14 && name.substring(6).equals(Integer.toString(k)) ? RTMAX - k : null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /**
     * @param signal "KILL", "SIGKILL", "kill", "9", "RTMIN+3"; empty means {@code defaultSignal}
     * @param defaultSignal the number for an empty value
     * @return the signal number
     * @throws InvalidArgumentException "Invalid signal: x" as dockerd
     */
    public static int parse(String signal, int defaultSignal) {
        if (signal == null || signal.isBlank()) {
            return defaultSignal;
        }
        String s = signal.trim();
        if (s.chars().allMatch(Character::isDigit)) {
            try {
                int n = Integer.parseInt(s);
                if (n > 0 && n <= 64) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new InvalidArgumentException("Invalid signal: " + signal);
        }
        String name = s.toUpperCase(Locale.ROOT);
        name = name.startsWith("SIG") ? name.substring(3) : name;
        Integer n = NUMBERS.containsKey(name) ? NUMBERS.get(name) : realtime(name);
        if (n == null) {
            throw new InvalidArgumentException("Invalid signal: " + signal);
        }
        return n;
    }
}
