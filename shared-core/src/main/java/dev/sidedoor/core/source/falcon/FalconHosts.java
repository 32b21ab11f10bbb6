package dev.sidedoor.core.source.falcon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.Json;
import dev.sidedoor.core.read.LogReader;
import dev.sidedoor.core.read.Position;
import dev.sidedoor.core.read.RecordSink;
import dev.sidedoor.core.read.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Falcon Data Replicator leaves out of its event lines: host names, platforms and addresses (the
 * {@code aidmaster} table, one line per sensor keyed by {@code aid}) and user names (the {@code userinfo} table, or
 * {@code UserIdentity} / {@code UserInfo} events, keyed by the user's SID). Loaded once before a scan from the files
 * a person names, never learnt from the scanned events themselves: files are scanned in parallel and in any order,
 * so a table learnt on the way would make a finding's host name depend on which file happened to come first.
 *
 * <p>Memory is bounded by {@link #MAX_HOSTS} and {@link #MAX_USERS} entries of short, clipped strings (about
 * 100 MB at worst; a fleet of 50,000 hosts takes a few MB); entries beyond them are counted and left out. Later
 * lines for the same aid or SID replace earlier ones. Immutable once built, and thread-safe.
 */
public final class FalconHosts {

    /** Hosts kept; larger fleets keep the first ones read. */
    public static final int MAX_HOSTS = 500_000;
    /** User SIDs kept. */
    public static final int MAX_USERS = 500_000;
    /** Longest value kept (host names are at most 255 characters long). */
    static final int MAX_VALUE = 256;
    private static final int MAX_PROBLEMS = 20;

    /** No table: FDR events keep their host ids only. */
    public static final FalconHosts NONE = new FalconHosts(Map.of(), Map.of(), 0, List.of());

    /** One sensor as aidmaster describes it; any part may be null. */
    public record Host(String computerName, String platform, String localIp, String cid) {
    }

    private final Map<String, Host> hosts;
    private final Map<String, String> users;
    private final long leftOut;
    private final List<String> problems;

    private FalconHosts(Map<String, Host> hosts, Map<String, String> users, long leftOut, List<String> problems) {
        this.hosts = hosts;
        this.users = users;
        this.leftOut = leftOut;
        this.problems = problems;
    }

    /** The host with this aid, or null. */
    public Host host(String aid) {
        return aid == null ? null : hosts.get(aid.toLowerCase(java.util.Locale.ROOT));
    }

    /** The user name of this SID, or null. */
    public String user(String sid) {
        return sid == null ? null : users.get(sid.toUpperCase(java.util.Locale.ROOT));
    }

    public int hostCount() {
        return hosts.size();
    }

    public int userCount() {
        return users.size();
    }

    /** Entries left out because a table was full. */
    public long leftOut() {
        return leftOut;
    }

    /** Lines that could not be read, or held neither a host nor a user (the first few). */
    public List<String> problems() {
        return problems;
    }

    /** Builds a table from aidmaster and userinfo files (JSON lines or arrays, plain or .gz). */
    public static final class Builder {
        private final Map<String, Host> hosts = new HashMap<>();
        private final Map<String, String> users = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private long leftOut;
        private long otherLines;
        private final LogReader reader = new LogReader();

        /** A builder that has read nothing yet. */
        public Builder() {
        }

        /** Reads one file's records; bad lines are noted in {@link FalconHosts#problems()}, never thrown. */
        public Builder read(InputStream in, String name) throws IOException {
            long before = otherLines;
            reader.read(in, name, new RecordSink() {
                @Override
                public void record(Position position, JsonNode record) {
                    add(record);
                }

                @Override
                public void rejected(Rejection rejection) {
                    problem(rejection.message());
                }

                @Override
                public void skipped(String reason) {
                    otherLines++;
                }
            });
            if (otherLines > before) {
                problem(name + ": " + (otherLines - before) + " record(s) that are neither an aidmaster host nor a "
                        + "user (aid with ComputerName, or UserSid with UserName); left out");
            }
            return this;
        }

        /** Adds one aidmaster line, userinfo line, or UserIdentity / UserInfo event; anything else is counted. */
        public Builder add(JsonNode record) {
            if (record == null || !record.isObject()) {
                otherLines++;
                return this;
            }
            String aid = clip(Json.text(record, "aid"));
            String name = clip(Json.text(record, "ComputerName"));
            String sid = clip(Json.first(record, "UserSid", "UserSid_readable"));
            String user = clip(Json.text(record, "UserName"));
            String simpleName = Json.first(record, "event_simpleName", "#event_simpleName");
            boolean userEvent = simpleName == null || simpleName.equals("UserIdentity") || simpleName.equals("UserInfo")
                    || simpleName.equals("UserLogon");
            boolean kept = false;
            if (aid != null && simpleName == null && (name != null || record.has("AgentVersion"))) {
                String key = aid.toLowerCase(java.util.Locale.ROOT);
                if (hosts.size() < MAX_HOSTS || hosts.containsKey(key)) {
                    hosts.put(key, new Host(name, clip(Json.text(record, "event_platform")),
                            clip(Json.first(record, "LocalAddressIP4", "LocalAddressIP6")),
                            clip(Json.text(record, "cid"))));
                } else {
                    leftOut++;
                }
                kept = true;
            }
            if (sid != null && user != null && userEvent) {
                String key = sid.toUpperCase(java.util.Locale.ROOT);
                if (users.size() < MAX_USERS || users.containsKey(key)) {
                    users.put(key, user);
                } else {
                    leftOut++;
                }
                kept = true;
            }
            if (!kept) {
                otherLines++;
            }
            return this;
        }

        private void problem(String message) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(message);
            }
        }

        public FalconHosts build() {
            return new FalconHosts(Map.copyOf(hosts), Map.copyOf(users), leftOut, List.copyOf(problems));
        }
    }

    static String clip(String s) {
        return s == null || s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE);
    }
}
