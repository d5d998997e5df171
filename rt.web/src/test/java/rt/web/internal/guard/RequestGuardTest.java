package rt.web.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class RequestGuardTest {

    private final RequestGuard local = new RequestGuard(true, "");
    private final RequestGuard remote = new RequestGuard(false, "s3cret");

    @Test
    void readsPassAndWritesNeedTheCsrfHeader() {
        assertNull(local.check("GET", "/api/status", "127.0.0.1:8080", null, null, null, null));
        assertEquals(403, local.check("POST", "/api/runs", "127.0.0.1:8080", null, null, null, null).status());
        assertNull(local.check("POST", "/api/runs", "localhost:8080", "http://localhost:8080", "1", null, null));
    }

    @Test
    void crossOriginAndOpaqueOriginWritesAreRefused() {
        assertEquals(403, local.check("POST", "/api/runs", "localhost:8080", "http://evil.example", "1", null, null)
                .status());
        assertEquals(403, local.check("PUT", "/api/uploads/x", "localhost:8080", "null", "1", null, null).status());
        assertEquals(403, local.check("POST", "/api/runs", "localhost:8080", "http://localhost:9999", "1", null, null)
                .status());
    }

    @Test
    void loopbackServerAnswersOnlyLoopbackHostNames() {
        assertEquals(403, local.check("GET", "/", "rebind.example:8080", null, null, null, null).status());
        assertNull(local.check("GET", "/", "[::1]:8080", null, null, null, null));
        assertNull(remote.check("GET", "/", "rt.hospital.example:8080", null, null, null, null));
    }

    @Test
    void beyondLoopbackWritesNeedTheToken() {
        String host = "10.0.0.5:8080";
        assertEquals(401, remote.check("POST", "/api/runs", host, null, "1", null, null).status());
        assertEquals(401, remote.check("POST", "/api/runs", host, null, "1", "Bearer wrong", null).status());
        assertEquals(401, remote.check("DELETE", "/api/uploads/a", host, null, "1", null, "s3cre").status());
        assertNull(remote.check("POST", "/api/runs", host, null, "1", "Bearer s3cret", null));
        assertNull(remote.check("PUT", "/api/uploads/a", host, null, "1", null, "s3cret"));
        // a token never replaces the CSRF header
        assertEquals(403, remote.check("POST", "/api/runs", host, null, null, "Bearer s3cret", null).status());
    }

    @Test
    void encodedAndDotSegmentsInTheRawUriAreRefused() {
        for (String uri : new String[] {"/api/runs/x/files/..%2f..%2fetc", "/api/runs/x/files/%2e%2e/etc",
                "/api/runs/x/files/../etc", "/a/%252e%252e/b", "/a/%00", "/a\\b", "/a/%c0%ae%c0%ae/b",
                "/a/%ef%bc%8e%ef%bc%8e/b", "/a/./b"}) {
            RequestGuard.Denial d = local.check("GET", uri, "localhost", null, null, null, null);
            assertEquals(400, d == null ? 0 : d.status(), uri);
        }
        assertNull(RequestGuard.uriProblem("/api/runs/ab/files/P1/C1/report.html?x=..%2f"));
        assertTrue(RequestGuard.isLoopback("127.0.0.1") && !RequestGuard.isLoopback("0.0.0.0"));
    }
}
