package dev.sidedoor.core.sigma;

import java.util.List;

/** The boolean connectives of a condition, over already compiled parts. Arrays keep the hot loop allocation-free. */
final class BooleanMatchers {

    private BooleanMatchers() {
    }

    static DocMatcher and(List<DocMatcher> parts) {
        return parts.size() == 1 ? parts.get(0) : new And(parts.toArray(DocMatcher[]::new));
    }

    static DocMatcher or(List<DocMatcher> parts) {
        return parts.size() == 1 ? parts.get(0) : new Or(parts.toArray(DocMatcher[]::new));
    }

    static DocMatcher not(DocMatcher inner) {
        return new Not(inner);
    }

    /** At least {@code n} of the parts; n == 1 and n == parts.size() reduce to or / and. */
    static DocMatcher atLeast(int n, List<DocMatcher> parts) {
        if (n <= 1) {
            return or(parts);
        }
        if (n >= parts.size()) {
            return and(parts);
        }
        return new AtLeast(n, parts.toArray(DocMatcher[]::new));
    }

    private record And(DocMatcher[] parts) implements DocMatcher {
        @Override
        public boolean matches(SigmaDocument doc) {
            for (DocMatcher p : parts) {
                if (!p.matches(doc)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int screen(PartialDocument doc) {
            int result = Screen.YES;
            for (DocMatcher p : parts) {
                int r = p.screen(doc);
                if (r == Screen.NO) {
                    return Screen.NO;
                }
                if (r == Screen.UNKNOWN) {
                    result = Screen.UNKNOWN;
                }
            }
            return result;
        }
    }

    private record Or(DocMatcher[] parts) implements DocMatcher {
        @Override
        public boolean matches(SigmaDocument doc) {
            for (DocMatcher p : parts) {
                if (p.matches(doc)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int screen(PartialDocument doc) {
            int result = Screen.NO;
            for (DocMatcher p : parts) {
                int r = p.screen(doc);
                if (r == Screen.YES) {
                    return Screen.YES;
                }
                if (r == Screen.UNKNOWN) {
                    result = Screen.UNKNOWN;
                }
            }
            return result;
        }
    }

    private record Not(DocMatcher inner) implements DocMatcher {
        @Override
        public boolean matches(SigmaDocument doc) {
            return !inner.matches(doc);
        }

        @Override
        public int screen(PartialDocument doc) {
            int r = inner.screen(doc);
            return r == Screen.UNKNOWN ? r : (r == Screen.YES ? Screen.NO : Screen.YES);
        }
    }

    private record AtLeast(int n, DocMatcher[] parts) implements DocMatcher {
        @Override
        public boolean matches(SigmaDocument doc) {
            int hits = 0;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].matches(doc) && ++hits >= n) {
                    return true;
                }
                // Stop early when the remaining parts can no longer reach n.
                if (hits + (parts.length - i - 1) < n) {
                    return false;
                }
            }
            return false;
        }

        @Override
        public int screen(PartialDocument doc) {
            int yes = 0;
            int unknown = 0;
            for (DocMatcher p : parts) {
                int r = p.screen(doc);
                if (r == Screen.YES) {
                    yes++;
                } else if (r == Screen.UNKNOWN) {
                    unknown++;
                }
            }
            if (yes >= n) {
                return Screen.YES;
            }
            return yes + unknown < n ? Screen.NO : Screen.UNKNOWN;
        }
    }
}
