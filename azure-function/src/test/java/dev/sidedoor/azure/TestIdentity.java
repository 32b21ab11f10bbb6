package dev.sidedoor.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * Stands in for the managed identity, which only exists inside Azure: a token shaped like Entra ID's (an unsigned
 * JWT with issuer, audience and lifetime), whose audience is the requested scope. Azurite checks the audience,
 * issuer and lifetime of the storage tokens; the local Event Grid endpoint checks the Event Grid ones.
 */
final class TestIdentity implements TokenCredential {

    static final String TENANT = "0f3c6a9e-5b2d-4e81-a7f4-c19d8e2b6a57";

    private final List<String> scopes = new CopyOnWriteArrayList<>();

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromSupplier(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        String scope = request.getScopes().get(0);
        scopes.add(scope);
        return new AccessToken(jwt(scope.replaceFirst("/\\.default$", "")), OffsetDateTime.now().plusHours(1));
    }

    /** Scopes tokens were asked for, in order. */
    List<String> scopes() {
        return scopes;
    }

    static String jwt(String audience) {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String payload = "{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/" + TENANT + "/\","
                + "\"iat\":" + (now - 60) + ",\"nbf\":" + (now - 60) + ",\"exp\":" + (now + 3600) + ","
                + "\"oid\":\"5d8e2c1a-7b3f-4e9d-a6c0-1f2e3d4c5b6a\",\"tid\":\"" + TENANT + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lkZWRvb3I";
    }

    /** The audience claim of a bearer token, or null. */
    static String audience(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length < 2) {
            return null;
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"aud\":\"([^\"]*)\"").matcher(payload);
        return m.find() ? m.group(1) : null;
    }
}
