package dev.sidedoor.core.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "export AWS_SECRET_ACCESS_KEY=q7Rk2Wv9Zt4Lm8Np3Xs6Bd1Fh5Jc0Ge7Ty2Uo9Ia | q7Rk2Wv9Zt4Lm8Np3Xs6Bd1Fh5Jc0Ge7Ty2Uo9Ia",
        "aws configure set aws_access_key_id AKIAV3Q7LMXKQ2EXMPL4 | AKIAV3Q7LMXKQ2EXMPL4",
        "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEKn//////////wEaCWV1LXdlc3Qt aws s3 ls | IQoJb3JpZ2luX2VjEKn//////////wEaCWV1LXdlc3Qt",
        "curl 'https://a.blob.core.windows.net/c/x.sh?sv=2024-08-04&sp=r&sig=Qm9uZ3VzU2ln%2FAbc%3D' | Qm9uZ3VzU2ln%2FAbc%3D",
        "DefaultEndpointsProtocol=https;AccountName=nw;AccountKey=dGhpcy1pcy1ub3QtYS1rZXk=;EndpointSuffix=x | dGhpcy1pcy1ub3QtYS1rZXk=",
        "Endpoint=sb://nw.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0S2V5 | c2VjcmV0S2V5",
        "Server=db;Database=app;User Id=sa;Password=Winter2026!; | Winter2026!",
        "mysql -h 10.0.0.5 -u root -p 'Hunter2!' -e 'select 1' | Hunter2!",
        "sqlcmd -S db -U sa -P Summer2026 -Q 'select 1' | Summer2026",
        "az login --service-principal -u app --password S3cr3t.Value --tenant t | S3cr3t.Value",
        "Invoke-Thing -Token abc123tokenvalue | abc123tokenvalue",
        "$p = ConvertTo-SecureString 'Pa55w0rd!' -AsPlainText -Force | Pa55w0rd!",
        "net use Z: \\\\fs01\\ops /user:NW\\svc P@ssw0rd-2026 | P@ssw0rd-2026",
        "git clone https://deploy:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/nw/app | ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig' https://api | eyJhbGciOiJIUzI1NiJ9",
        "echo c2VjcmV0LXBheWxvYWQtdGhhdC1pcy1sb25nLWVub3VnaC10by1iZS1hLWJsb2I= | base64 -d | sh | c2VjcmV0LXBheWxvYWQtdGhhdC1pcy1sb25nLWVub3VnaC10by1iZS1hLWJsb2I=",
        "$password = ConvertTo-SecureString \"Hunter2!x\" -AsPlainText -Force | Hunter2!x",
        "New-LocalUser bob -Password (ConvertTo-SecureString -AsPlainText 'Pa55!w' -Force) | Pa55!w",
        "mysql -u root -pS3cretGlued db | S3cretGlued",
        "curl -u admin:Adm1nPass https://10.0.0.5/api | Adm1nPass",
        "net user bob Welcome2026! /add | Welcome2026!",
        "cmdkey /add:srv /user:bob /pass:Cm4Key! | Cm4Key!",
        "curl -H 'Authorization: Basic YWRtaW46c2VjcmV0cGFzcw==' https://api | YWRtaW46c2VjcmV0cGFzcw==",
    })
    void secretsAreReplacedByAHashOfThemselves(String command, String secret) {
        Secrets.Redacted r = Secrets.redact(command);
        assertFalse(r.text().contains(secret), r.text());
        assertTrue(r.count() >= 1, r.text());
        assertTrue(r.text().contains("[redacted sha256:"), r.text());
    }

    @Test
    void theMarkerIsTheStartOfTheSecretsOwnSha256SoACandidateCanBeChecked() {
        // printf 'Hunter2!' | sha256sum
        String r = Secrets.redact("mysql -u root --password=Hunter2! db").text();
        assertTrue(r.contains("[redacted sha256:" + sha256("Hunter2!").substring(0, 10) + "]"), r);
        assertEquals("mysql -u root --password=" + Secrets.marker("Hunter2!") + " db", r);
    }

    @Test
    void ordinaryCommandsAreLeftAlone() {
        for (String c : List.of("sh /opt/nw/inventory.sh", "systemctl restart nginx", "mkdir -p /opt/app/logs",
                "ssh -p 2222 bob@10.0.0.5", "docker run -p 8080:80 nginx",
                "cd /home/ubuntu/myproject/scripts/deployment/production/run",
                "aws s3 cp s3://nw-ops-scripts/rotate.sh /tmp/rotate.sh", "Get-Service | Where Status -eq Running",
                "yum update -y", "cat /etc/passwd", "echo password reset requested > /var/log/x")) {
            Secrets.Redacted r = Secrets.redact(c);
            assertEquals(c, r.text());
            assertEquals(0, r.count());
        }
    }

    @Test
    void longHostileTextIsRedactedInBoundedTime() {
        // Linear patterns: a worst case for backtracking engines is handled in one pass (not timed; it would hang).
        String hostile = "password=".repeat(1000) + "a".repeat(5000) + " -p ".repeat(500);
        Secrets.Redacted r = Secrets.redact(hostile);
        assertTrue(r.count() > 0);
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
