package autobench.rating.io;

import java.io.IOException;

/** A line of a votes file that is not a valid vote; the message starts with the line number. */
public final class MalformedVoteException extends IOException {
    private final long line;

    MalformedVoteException(long line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
