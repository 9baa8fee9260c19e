/**
 * Docker Engine API 1.41 records of the registry-facing routes: {@code AuthConfig} (X-Registry-Auth and
 * POST /auth), the progress stream of pull and push ({@code ProgressMessages}), and the answers of POST /auth
 * and GET /distribution/{name}/json.
 */
package io.berth.gateway.types.registry;
