package autobench.web;

import autobench.admin.Integrity;
import autobench.admin.Operator;
import autobench.admin.Sessions;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * What the operator pages are given: sign-in, the actions, the integrity and cost view, and the
 * arena day (the default date of a bulk re-send).
 */
public record OperatorParts(Sessions sessions, Operator operator, Integrity integrity, Supplier<LocalDate> today) {}
