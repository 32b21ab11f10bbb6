package dev.sidedoor.cli;

import com.azure.core.credential.AzureSasCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import dev.sidedoor.azure.state.TableBaselineStore;

/**
 * {@code sidedoor baseline push ... azure-table://ACCOUNT/TABLE}: the same copy into the Azure Function's baseline
 * table. Each key is read once and written once with its ETag, merging with what the function wrote meanwhile.
 */
final class AzurePush {

    private AzurePush() {
    }

    static int push(BaselineCommand.Push p, String accountAndTable) {
        int slash = accountAndTable.indexOf('/');
        if (slash <= 0 || slash == accountAndTable.length() - 1) {
            p.err().println("sidedoor: error: TARGET must be azure-table://ACCOUNT/TABLE, not azure-table://"
                    + Terminal.clean(accountAndTable));
            return ExitCodes.INPUT_ERROR;
        }
        String account = accountAndTable.substring(0, slash);
        String table = accountAndTable.substring(slash + 1);
        TableClientBuilder b = new TableClientBuilder().tableName(table)
                .httpClient(new JdkHttpClientBuilder().build());
        if (p.connectionString != null && !p.connectionString.isBlank()) {
            b.connectionString(p.connectionString);
        } else if (p.sas != null && !p.sas.isBlank()) {
            b.endpoint(p.endpoint != null ? p.endpoint.toString() : "https://" + account + ".table.core.windows.net")
                    .credential(new AzureSasCredential(p.sas));
        } else {
            // The account's shared key is off in the deployed template: a token of the signed-in user (az login),
            // the environment or a workload identity, with Storage Table Data Contributor on the table.
            b.endpoint(p.endpoint != null ? p.endpoint.toString() : "https://" + account + ".table.core.windows.net")
                    .credential(new com.azure.identity.DefaultAzureCredentialBuilder()
                            .httpClient(new JdkHttpClientBuilder().build()).build());
        }
        long[] counts = new long[3];
        try (StateStore from = StateStore.open(p.stateDir)) {
            TableClient client = b.buildClient();
            TableBaselineStore to = new TableBaselineStore(client, p.historyDays);
            from.export(new StateStore.Export() {
                @Override
                public void days(String key, int[] days) {
                    for (int d : days) {
                        to.add(key, d);
                    }
                    counts[0]++;
                    every(to);
                }

                @Override
                public void member(String key, String member, int first, int last) {
                    to.addMember(key, member, first);
                    to.addMember(key, member, last);
                    counts[1]++;
                    every(to);
                }

                @Override
                public void time(String key, long epochMillis) {
                    to.noteTime(key, epochMillis);
                    counts[2]++;
                    every(to);
                }

                @Override
                public void firstDay(int epochDay) {
                    to.noteDay(epochDay);
                }

                private long items;

                /** Keeps memory flat on a large state: writes what is pending every 500 keys. */
                private void every(TableBaselineStore store) {
                    if (++items % 500 == 0) {
                        store.flush();
                    }
                }
            });
            to.close();
            p.out().println("sidedoor: pushed " + counts[0] + " day set(s), " + counts[1] + " member(s) and "
                    + counts[2] + " time(s) to Azure table " + Terminal.clean(table) + " in "
                    + Terminal.clean(account));
            return ExitCodes.OK;
        } catch (java.io.IOException | RuntimeException e) {
            p.err().println("sidedoor: error: baseline push to azure-table://" + Terminal.clean(accountAndTable)
                    + ": " + Terminal.clean(String.valueOf(e.getMessage())));
            return ExitCodes.INPUT_ERROR;
        }
    }
}
