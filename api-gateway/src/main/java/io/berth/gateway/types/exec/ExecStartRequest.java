package io.berth.gateway.types.exec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of Docker Engine API 1.41 {@code POST /exec/{id}/start} (swagger ExecStartConfig). dockerd 20.10
 * takes the TTY from the exec's create, not from here (the start's Tty only picks the framing of its answer:
 * see the exec router).
 *
 * @param detach Detach: start without attaching, answer 200 with no body
 * @param tty Tty: raw output rather than stdcopy frames
 */
public record ExecStartRequest(@JsonProperty("Detach") boolean detach, @JsonProperty("Tty") boolean tty) {
}
