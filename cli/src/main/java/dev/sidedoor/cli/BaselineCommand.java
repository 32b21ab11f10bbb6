package dev.sidedoor.cli;

import dev.sidedoor.aws.state.DynamoApi;
import dev.sidedoor.aws.state.DynamoBaselineStore;
import dev.sidedoor.core.baseline.Baselines;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sidedoor baseline push}: copies a baseline learnt by {@code sidedoor scan --state DIR} over archived logs
 * into the state table the Lambda uses, so a new deployment is quiet from its first day. Every day is added with
 * the same atomic updates the function makes, so pushing into a table the function already writes merges with it,
 * and pushing twice changes nothing.
 */
@Command(name = "baseline", description = "Move a learnt baseline to where the cloud functions read it.",
        subcommands = {BaselineCommand.Push.class}, mixinStandardHelpOptions = true)
final class BaselineCommand {

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = "Copy the baseline in a --state DIR into the Lambda's DynamoDB state table "
                    + "(dynamodb://TABLE; credentials and region from the usual AWS chains: AWS_PROFILE, AWS_REGION) "
                    + "or the Azure Function's baseline table (azure-table://ACCOUNT/TABLE; the signed-in Azure "
                    + "identity, or a connection string or SAS token).")
    static final class Push implements Callable<Integer> {

        private final PrintStream out;
        private final PrintStream err;

        @Option(names = "--state", required = true, paramLabel = "DIR",
                description = "The state directory a `sidedoor scan --state DIR` learnt into.")
        Path stateDir;

        @Parameters(index = "0", paramLabel = "TARGET",
                description = "dynamodb://TABLE (the stack's StateTableName output) or azure-table://ACCOUNT/TABLE "
                        + "(the Function's SIDEDOOR_BASELINE_TABLE in its storage account).")
        String target;

        @Option(names = "--connection-string", paramLabel = "TEXT",
                description = "Azure: the storage account's connection string (default: "
                        + "$AZURE_STORAGE_CONNECTION_STRING).")
        String connectionString = System.getenv("AZURE_STORAGE_CONNECTION_STRING");

        @Option(names = "--sas", paramLabel = "TOKEN",
                description = "Azure: a SAS token for the table with add, update and read rights (default: "
                        + "$AZURE_STORAGE_SAS_TOKEN).")
        String sas = System.getenv("AZURE_STORAGE_SAS_TOKEN");

        @Option(names = "--region", description = "AWS region of the table (default: the AWS chain's).")
        String region;

        @Option(names = "--endpoint-url", paramLabel = "URL",
                description = "Another DynamoDB endpoint (a VPC endpoint, a local test server).")
        URI endpoint;

        @Option(names = "--history-days", paramLabel = "N",
                description = "The history window the function uses (the tuning file's baseline.history_days); "
                        + "items expire N days after their newest day. Default: ${DEFAULT-VALUE}.")
        int historyDays = Baselines.Settings.DEFAULTS.historyDays();

        Push(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        PrintStream out() {
            return out;
        }

        PrintStream err() {
            return err;
        }

        @Override
        public Integer call() {
            if (!Files.isRegularFile(stateDir.resolve(StateStore.FILE))) {
                err.println("sidedoor: error: " + Terminal.clean(stateDir.toString()) + " holds no baseline ("
                        + StateStore.FILE + "); learn one first with `sidedoor scan --state DIR LOGS...`");
                return ExitCodes.INPUT_ERROR;
            }
            if (target.startsWith("azure-table://")) {
                return AzurePush.push(this, target.substring("azure-table://".length()));
            }
            if (!target.startsWith("dynamodb://") || target.length() == "dynamodb://".length()) {
                err.println("sidedoor: error: TARGET must be dynamodb://TABLE or azure-table://ACCOUNT/TABLE, not "
                        + Terminal.clean(target));
                return ExitCodes.INPUT_ERROR;
            }
            String table = target.substring("dynamodb://".length());
            long[] counts = new long[4];
            try (StateStore from = StateStore.open(stateDir);
                    DynamoApi api = region == null && endpoint == null ? DynamoApi.create()
                            : DynamoApi.create(endpoint, region == null ? null
                                    : software.amazon.awssdk.regions.Region.of(region),
                                    software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder()
                                            .build())) {
                DynamoBaselineStore to = new DynamoBaselineStore(api, table, historyDays);
                from.export(new StateStore.Export() {
                    @Override
                    public void days(String key, int[] days) {
                        to.addAll(key, days);
                        counts[0]++;
                        flushEvery(to, counts);
                    }

                    @Override
                    public void member(String key, String member, int first, int last) {
                        to.addMemberDays(key, member, first == last ? new int[] {first} : new int[] {first, last});
                        counts[1]++;
                        flushEvery(to, counts);
                    }

                    @Override
                    public void time(String key, long epochMillis) {
                        to.noteTime(key, epochMillis);
                        counts[2]++;
                        flushEvery(to, counts);
                    }

                    @Override
                    public void firstDay(int epochDay) {
                        to.noteDay(epochDay);
                    }
                });
                to.flush();
                out.println("sidedoor: pushed " + counts[0] + " day set(s), " + counts[1] + " member(s) and "
                        + counts[2] + " time(s) to DynamoDB table " + Terminal.clean(table) + " ("
                        + to.writes() + " write(s), " + to.reads() + " read(s))");
                return ExitCodes.OK;
            } catch (IOException | RuntimeException e) {
                err.println("sidedoor: error: baseline push to " + Terminal.clean(table) + ": "
                        + Terminal.clean(String.valueOf(e.getMessage())));
                return ExitCodes.INPUT_ERROR;
            }
        }

        /** Keeps memory flat on a large state: sends the pending writes every 500 items. */
        private static void flushEvery(DynamoBaselineStore to, long[] counts) {
            if (++counts[3] % 500 == 0) {
                to.flush();
            }
        }
    }
}
