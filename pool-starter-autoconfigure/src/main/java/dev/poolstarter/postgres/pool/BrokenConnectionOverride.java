package dev.poolstarter.postgres.pool;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.jspecify.annotations.Nullable;

/**
 * Tells the pool's {@link PoolUsage} when HikariCP drops a borrowed connection as broken.
 * HikariCP then closes the connection at once and reports nothing when the caller gives it
 * back, so without this the caller would count as holding it forever. The decision stays
 * HikariCP's and the application's: this override returns what the application's own
 * override returns (HikariCP's default without one), and applies HikariCP's rule (SQLSTATE
 * class 08, the shutdown and disconnect states and codes, or a must-evict verdict) only to
 * know what HikariCP will do.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class BrokenConnectionOverride implements SQLExceptionOverride {

	// HikariCP's ProxyConnection: the states and codes besides class 08 that mark a
	// connection as broken
	private static final Set<String> BROKEN_STATES = Set.of("0A000", "57P01", "57P02", "57P03", "01002", "JZ0C0",
			"JZ0C1");

	private static final Set<Integer> BROKEN_CODES = Set.of(500150, 2399, 1105);

	private final PoolUsage usage;

	private final @Nullable SQLExceptionOverride delegate;

	/**
	 * Create an instance.
	 * @param usage the pool's usage
	 * @param delegate the application's override, or {@code null}
	 */
	public BrokenConnectionOverride(PoolUsage usage, @Nullable SQLExceptionOverride delegate) {
		this.usage = usage;
		this.delegate = delegate;
	}

	// the annotation by its full name: the interface's own Override enum hides it
	@java.lang.Override
	public Override adjudicate(SQLException exception) {
		Override verdict = (this.delegate != null) ? this.delegate.adjudicate(exception) : Override.CONTINUE_EVICT;
		if (verdict != Override.DO_NOT_EVICT && (verdict == Override.MUST_EVICT || isBroken(exception))) {
			this.usage.recordBroken();
		}
		return verdict;
	}

	private static boolean isBroken(SQLException exception) {
		String state = exception.getSQLState();
		return (state != null && state.startsWith("08")) || BROKEN_STATES.contains(state)
				|| BROKEN_CODES.contains(exception.getErrorCode());
	}

}
