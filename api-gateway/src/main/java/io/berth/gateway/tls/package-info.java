/**
 * TLS for the gateway's TCP listeners ({@code -H tcp://... --tls/--tlsverify}): the flags
 * ({@link io.berth.gateway.tls.TlsSettings}), the server context with dockerd's protocol versions and cipher
 * suites ({@link io.berth.gateway.tls.TlsContexts}), the first handler of every TLS connection that refuses plain
 * HTTP as Go does ({@link io.berth.gateway.tls.TlsOnlyHandler}), and the warning for TCP without client
 * verification ({@link io.berth.gateway.tls.InsecureListenerWarning}).
 */
package io.berth.gateway.tls;
