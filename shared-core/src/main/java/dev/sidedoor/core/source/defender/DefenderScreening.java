package dev.sidedoor.core.source.defender;

import dev.sidedoor.core.read.TopLevelFields;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.source.Screening;
import dev.sidedoor.core.source.process.ProcessEvents;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Streaming API records judged on their category: process events are built when some rule reads Defender's
 * process starts, other advanced hunting tables never are. Without this judgement the Activity Log's screening
 * would take the records (they have its operationName and category) and pass them over.
 */
final class DefenderScreening implements Screening {

    private static final Set<String> READ = Set.of("category");

    private final boolean processRules;

    DefenderScreening(Function<String, List<SigmaRule>> rulesOfRoute) {
        boolean any = false;
        for (String route : ProcessEvents.routes(DefenderSource.PROVIDER,
                new LogSource(null, null, ProcessEvents.CATEGORY))) {
            any |= !rulesOfRoute.apply(route).isEmpty();
        }
        this.processRules = any;
    }

    @Override
    public Set<String> fields() {
        return READ;
    }

    @Override
    public int verdict(TopLevelFields f) {
        String category = f.text("category");
        if (category == null
                || !category.regionMatches(true, 0, DefenderNormalizer.CATEGORY_PREFIX, 0,
                        DefenderNormalizer.CATEGORY_PREFIX.length())) {
            return NOT_MINE;
        }
        if (!category.equalsIgnoreCase(DefenderNormalizer.PROCESS_CATEGORY)) {
            return SKIPPED;
        }
        return processRules ? WANTED : UNWANTED;
    }

    @Override
    public String skipReason(TopLevelFields fields) {
        return DefenderNormalizer.OTHER_TABLE;
    }
}
