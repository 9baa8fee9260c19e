package io.berth.engine.container;

import io.berth.common.errors.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Container names as dockerd handles them: validated against {@code [a-zA-Z0-9][a-zA-Z0-9_.-]+} (a
 * leading "/" is allowed and ignored), stored with a leading slash ("/web"), and generated as
 * "adjective_surname" when the client gives none (moby pkg/namesgenerator; the word lists here are
 * berth's own).
 */
public final class ContainerNames {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final List<String> ADJECTIVES = List.of(
            "admiring", "agile", "amazing", "bold", "brave", "busy", "calm", "clever", "cool", "crazy",
            "determined", "dreamy", "eager", "elastic", "epic", "festive", "focused", "friendly", "funny",
            "gallant", "gifted", "happy", "hopeful", "inspiring", "jolly", "keen", "kind", "laughing",
            "loving", "lucid", "modest", "nifty", "nostalgic", "optimistic", "peaceful", "practical",
            "quirky", "relaxed", "serene", "sharp", "stoic", "sweet", "tender", "trusting", "upbeat",
            "vibrant", "vigilant", "wizardly", "youthful", "zealous");
    private static final List<String> SURNAMES = List.of(
            "agnesi", "babbage", "bardeen", "bell", "bohr", "boole", "cerf", "clarke", "curie", "darwin",
            "dijkstra", "einstein", "euler", "faraday", "fermat", "feynman", "franklin", "galileo", "gauss",
            "goldberg", "goodall", "hamilton", "hawking", "hertz", "hodgkin", "hopper", "hypatia", "johnson",
            "kepler", "knuth", "lamarr", "leakey", "lovelace", "maxwell", "meitner", "mendel", "newton",
            "noether", "pascal", "pasteur", "planck", "ritchie", "shannon", "sinoussi", "tesla", "thompson",
            "torvalds", "turing", "wilson", "wozniak");

    private static final Random RANDOM = new SecureRandom();

    private ContainerNames() {
    }

    /**
     * Validates a client-given name and returns it in stored form.
     *
     * @param name "web" or "/web"
     * @return "/web"
     * @throws InvalidArgumentException with dockerd's text if the name is invalid
     */
    public static String normalize(String name) {
        String bare = name.startsWith("/") ? name.substring(1) : name;
        if (!VALID.matcher(bare).matches()) {
            throw new InvalidArgumentException("Invalid container name (" + name + "), only "
                    + "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return "/" + bare;
    }

    /**
     * A random name; after the first attempts a digit is appended, as dockerd does on collisions.
     *
     * @param attempt 0 for the first try
     * @return "/adjective_surname" or "/adjective_surnameN"
     */
    public static String generate(int attempt) {
        String name;
        do {
            name = ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_"
                    + SURNAMES.get(RANDOM.nextInt(SURNAMES.size()));
        } while ("boring_wozniak".equals(name));
        return "/" + name + (attempt > 3 ? Integer.toString(RANDOM.nextInt(10)) : "");
    }
}
