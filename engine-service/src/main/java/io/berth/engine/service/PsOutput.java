package io.berth.engine.service;

import io.berth.common.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker top}'s handling of {@code ps} (moby daemon/top_unix.go, dockerd 20.10): the check of the
 * client's {@code ps_args}, the {@code -q} argument listing the container's PIDs, and the parsing of ps's
 * output into Docker's ContainerTopOKBody: {@code Titles} are the header's fields; each row is split on ASCII
 * white space, its fields beyond the last title joined with single spaces (so CMD keeps its arguments); only
 * rows whose PID column names one of the container's processes are kept, and thread rows ("-" as PID, from
 * {@code -L}, {@code -T} or {@code m}) that follow a kept row.
 *
 * @param titles the column titles
 * @param processes one list of values per process, as many as titles
 */
public record PsOutput(List<String> titles, List<List<String>> processes) {
    private static final Pattern PID_FORMAT = Pattern.compile("\\s+([^\\s]*)=\\s*(PID[^\\s]*)");

    /** Copies the lists. */
    public PsOutput {
        titles = List.copyOf(titles);
        processes = processes.stream().map(List::copyOf).toList();
    }

    /**
     * @param psArgs the client's ps_args ("" = "-ef")
     * @return the arguments, split on single spaces as dockerd does (strings.Split, empty ones kept)
     * @throws InvalidArgumentException "specifying \"k=PID\" is not allowed" when a format renames the PID
     *     column (dockerd's validatePSArgs; it answers 500, a client mistake: 400 here)
     */
    public static List<String> arguments(String psArgs) {
        String a = psArgs == null || psArgs.isEmpty() ? "-ef" : psArgs;
        Matcher m = PID_FORMAT.matcher(a);
        while (m.find()) {
            if (!m.group(1).equals("pid")) {
                throw new InvalidArgumentException("specifying \"" + m.group(1) + "=" + m.group(2)
                        + "\" is not allowed");
            }
        }
        return List.of(a.split(" ", -1));
    }

    /**
     * @param pids the container's PIDs
     * @return ps's {@code -q<pid>,<pid>...} argument (dockerd's psPidsArg)
     */
    public static String pidsArgument(List<Integer> pids) {
        StringBuilder b = new StringBuilder("-q");
        for (int i = 0; i < pids.size(); i++) {
            b.append(i == 0 ? "" : ",").append(pids.get(i));
        }
        return b.toString();
    }

    /**
     * @param output ps's standard output
     * @param pids the container's PIDs
     * @return the titles and the container's rows
     * @throws InvalidArgumentException "Couldn't find PID field in ps output" or "Unexpected pid 'x'"
     */
    public static PsOutput parse(String output, List<Integer> pids) {
        String[] lines = output.split("\n", -1);
        List<String> titles = fields(lines[0]);
        int pidIndex = titles.indexOf("PID");
        if (pidIndex < 0) {
            throw new InvalidArgumentException("Couldn't find PID field in ps output");
        }
        Set<Integer> mine = Set.copyOf(pids);
        List<List<String>> rows = new ArrayList<>();
        boolean lastKept = false;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            List<String> f = fields(lines[i]);
            if (f.size() <= pidIndex) {
                continue;
            }
            String pid = f.get(pidIndex);
            if (pid.equals("-")) {
                if (lastKept) {
                    rows.add(row(titles.size(), f));
                }
                continue;
            }
            int p;
            try {
                p = Integer.parseInt(pid);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("Unexpected pid '" + pid + "': strconv.Atoi: parsing \"" + pid
                        + "\": invalid syntax");
            }
            lastKept = mine.contains(p);
            if (lastKept) {
                rows.add(row(titles.size(), f));
            }
        }
        return new PsOutput(titles, rows);
    }

    private static List<String> row(int titles, List<String> fields) {
        if (fields.size() <= titles) {
            return fields;
        }
        List<String> out = new ArrayList<>(fields.subList(0, titles - 1));
        out.add(String.join(" ", fields.subList(titles - 1, fields.size())));
        return out;
    }

    /** Go's strings.FieldsFunc with only ASCII white space (dockerd's fieldsASCII). */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean space = i == line.length() || " \t\n\f\r".indexOf(line.charAt(i)) >= 0;
            if (space && start >= 0) {
                out.add(line.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out;
    }
}
