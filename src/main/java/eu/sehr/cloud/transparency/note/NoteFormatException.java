package eu.sehr.cloud.transparency.note;

/**
 * Text that should be a signed note, a checkpoint, a key or a signature line does not follow its
 * specification exactly. Parsing is strict on purpose: two parsers that disagree about what a note says are
 * how split views get through.
 */
public final class NoteFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NoteFormatException(String message) {
        super(message);
    }
}
