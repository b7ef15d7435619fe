package io.coffer.events;

/** The outcome of checking the event log's hash chain. */
public sealed interface ChainCheck {

    /** Every event is present, in order, unedited. */
    record Intact(long events, String headHash) implements ChainCheck {}

    /**
     * The first event at which the chain breaks.
     *
     * @param seq the sequence number of the first event that was edited, deleted or moved
     * @param reason one line saying what is wrong there
     */
    record Broken(long seq, String reason) implements ChainCheck {}
}
