package io.berth.engine.service;

/**
 * Options of an attach (Docker's {@code POST /containers/{id}/attach} query, Engine API 1.41).
 *
 * @param stdin attach stdin (the input itself goes through {@link ContainerStdin})
 * @param stdout stream stdout
 * @param stderr stream stderr
 * @param stream stream live output until the container stops
 * @param logs replay the json-file log first
 */
public record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean stream, boolean logs) {
}
