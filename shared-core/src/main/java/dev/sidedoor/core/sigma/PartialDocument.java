package dev.sidedoor.core.sigma;

/**
 * A record of which only some fields have been read, for screening: {@link SigmaRule#mayMatch} answers "cannot
 * match" only when the known fields alone decide it, so the rest of the record need not be read at all.
 */
public interface PartialDocument extends SigmaDocument {

    /**
     * Whether {@link #field(String)} gives this field's final value, including a final "missing". Fields that
     * are not known must never be decided on.
     */
    boolean knows(String field);
}
