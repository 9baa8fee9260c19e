/** The daemon itself as the API shows it: its {@code reload} event on SIGHUP. */
package io.berth.gateway.daemon;
