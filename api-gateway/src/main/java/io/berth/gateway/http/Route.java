package io.berth.gateway.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a router's route table: method, path template (without the {@code /vX.Y} prefix), the
 * handler and moby's handler name (e.g. {@code postContainersCreate}), so a route can be found in moby's
 * source by name. Templates use {@code {id}} for one path segment and {@code {name:.*}} for a value that
 * may contain "/" (image references such as {@code 127.0.0.1:5000/a/b:tag}).
 *
 * @param method the HTTP method
 * @param template the path template, e.g. "/containers/{id}/json"
 * @param name moby's handler name
 * @param bodyMode how the request body is delivered
 * @param handler the handler
 * @param pattern the compiled template
 * @param paramNames the template's parameter names in order
 * @param quick the handler answers at once from memory and never blocks ({@link #asQuick()}: only
 *     {@code /_ping})
 */
public record Route(HttpMethod method, String template, String name, BodyMode bodyMode, Handler handler,
                    Pattern pattern, List<String> paramNames, boolean quick) {
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)(:\\.\\*)?}");

    /**
     * @param method the HTTP method
     * @param template the path template
     * @param name moby's handler name
     * @param handler the handler
     * @return a route whose body (if any) is aggregated
     */
    public static Route of(HttpMethod method, String template, String name, Handler handler) {
        return of(method, template, name, BodyMode.AGGREGATE, handler);
    }

    /**
     * @param method the HTTP method
     * @param template the path template
     * @param name moby's handler name
     * @param bodyMode how the body is delivered
     * @param handler the handler
     * @return the route
     */
    public static Route of(HttpMethod method, String template, String name, BodyMode bodyMode, Handler handler) {
        StringBuilder regex = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(m.group(2) != null ? "(.+)" : "([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append('$');
        return new Route(method, template, name, bodyMode, handler, Pattern.compile(regex.toString()),
                List.copyOf(names), false);
    }

    /**
     * This route as a quick one, for a handler that answers at once from memory and never blocks (no gRPC call,
     * no lock, no body to read): {@code DispatchHandler} runs it on the connection's event loop instead of
     * handing it to a worker thread and back (two thread hand-offs per request: measured about 10 of 50 µs CPU
     * per keep-alive {@code /_ping}), and its request line is logged at DEBUG instead of INFO (the docker CLI
     * pings before most commands; dockerd logs no line per request at INFO).
     *
     * @return the same route, quick
     */
    public Route asQuick() {
        return new Route(method, template, name, bodyMode, handler, pattern, paramNames, true);
    }

    /** @return GET route shorthand */
    public static Route get(String template, String name, Handler handler) {
        return of(HttpMethod.GET, template, name, handler);
    }

    /** @return POST route shorthand */
    public static Route post(String template, String name, Handler handler) {
        return of(HttpMethod.POST, template, name, handler);
    }

    /** @return DELETE route shorthand */
    public static Route delete(String template, String name, Handler handler) {
        return of(HttpMethod.DELETE, template, name, handler);
    }

    /** @return HEAD route shorthand */
    public static Route head(String template, String name, Handler handler) {
        return of(HttpMethod.HEAD, template, name, handler);
    }
}
