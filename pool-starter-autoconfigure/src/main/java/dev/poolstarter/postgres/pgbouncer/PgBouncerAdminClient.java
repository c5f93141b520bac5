package dev.poolstarter.postgres.pgbouncer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * A small client of PgBouncer's admin console: the simple query protocol with text
 * results, over plain TCP, with trust, cleartext, MD5 or SCRAM-SHA-256 authentication.
 * pgjdbc cannot talk to the console: since 42.7.5 it sends {@code SET extra_float_digits}
 * after connecting to a server that reports a version below 12, and the console, which
 * reports PgBouncer's own version, answers "SET failed" (PgBouncer issue 1509).
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class PgBouncerAdminClient implements AutoCloseable {

	private static final int PROTOCOL_3_0 = 196608;

	private static final String SCRAM = "SCRAM-SHA-256";

	private final Socket socket;

	private final DataInputStream in;

	private final DataOutputStream out;

	private PgBouncerAdminClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
		this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
	}

	/**
	 * Connect and log in to the admin console.
	 * @param address where the console answers
	 * @param applicationName the application_name shown by {@code SHOW CLIENTS}
	 * @param timeout longest connect, and longest wait for any answer
	 * @return the logged-in client
	 * @throws SQLException when the console cannot be reached or refuses the login
	 */
	public static PgBouncerAdminClient connect(PgBouncerAddress address, String applicationName, Duration timeout)
			throws SQLException {
		Socket socket = new Socket();
		try {
			int millis = (int) Math.max(1, timeout.toMillis());
			socket.connect(new InetSocketAddress(address.host(), address.port()), millis);
			socket.setSoTimeout(millis);
			PgBouncerAdminClient client = new PgBouncerAdminClient(socket);
			client.logIn(address, applicationName);
			return client;
		}
		catch (IOException ex) {
			close(socket);
			throw new SQLNonTransientConnectionException(
					"PgBouncer's admin console at " + address + " did not answer: " + ex, "08001", ex);
		}
		catch (SQLException | RuntimeException ex) {
			close(socket);
			throw ex;
		}
	}

	/**
	 * Run one admin command, such as {@code SHOW POOLS}.
	 * @param command the command
	 * @return its rows, each by column name, values as text
	 * @throws SQLException when the console answers with an error or not at all
	 */
	public List<Map<String, @Nullable String>> query(String command) throws SQLException {
		try {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.write(command.getBytes(StandardCharsets.UTF_8));
			body.write(0);
			send('Q', body.toByteArray());
			return readResult();
		}
		catch (IOException ex) {
			throw new SQLNonTransientConnectionException("PgBouncer's admin console did not answer " + command
					+ ": " + ex, "08006", ex);
		}
	}

	@Override
	public void close() {
		try {
			send('X', new byte[0]);
		}
		catch (IOException ex) {
			// closing anyway
		}
		close(this.socket);
	}

	private void logIn(PgBouncerAddress address, String applicationName) throws IOException, SQLException {
		String user = (address.user() != null) ? address.user() : System.getProperty("user.name");
		sendStartup(user, applicationName);
		Scram scram = null;
		while (true) {
			Message message = receive();
			switch (message.type()) {
				case 'R' -> scram = authenticate(message, user, address.password(), scram);
				case 'E' -> throw error(message);
				case 'Z' -> {
					return;
				}
				default -> {
					// ParameterStatus, BackendKeyData and notices need no answer
				}
			}
		}
	}

	private @Nullable Scram authenticate(Message message, String user, @Nullable String password,
			@Nullable Scram scram) throws IOException, SQLException {
		DataInputStream body = message.body();
		int request = body.readInt();
		switch (request) {
			case 0 -> {
				return null;
			}
			case 3 -> sendPassword(utf8(required(password, "cleartext")));
			case 5 -> {
				byte[] salt = body.readNBytes(4);
				String inner = md5Hex(utf8(required(password, "MD5") + user));
				sendPassword(utf8("md5" + md5Hex(concat(utf8(inner), salt))));
			}
			case 10 -> {
				Scram started = new Scram(required(password, SCRAM), mechanisms(body));
				send('p', started.initialResponse());
				return started;
			}
			case 11 -> send('p', scramStep(scram).finalMessage(new String(message.rest(4), StandardCharsets.UTF_8)));
			case 12 -> scramStep(scram).verify(new String(message.rest(4), StandardCharsets.UTF_8));
			default -> throw new SQLNonTransientConnectionException("PgBouncer's admin console asks for "
					+ "authentication method " + request + ", which this client does not speak; use trust, plain, "
					+ "md5 or scram-sha-256 for the admin user", "28000");
		}
		return scram;
	}

	private static Scram scramStep(@Nullable Scram scram) throws SQLException {
		if (scram == null) {
			throw new SQLNonTransientConnectionException("SCRAM message before SCRAM was started", "08P01");
		}
		return scram;
	}

	private static List<String> mechanisms(DataInputStream body) throws IOException {
		List<String> mechanisms = new ArrayList<>();
		for (String mechanism = readString(body); !mechanism.isEmpty(); mechanism = readString(body)) {
			mechanisms.add(mechanism);
		}
		return mechanisms;
	}

	private static String required(@Nullable String password, String method) throws SQLException {
		if (password == null) {
			throw new SQLNonTransientConnectionException("PgBouncer's admin console asks for a " + method
					+ " password, and the admin URL has none", "28P01");
		}
		return password;
	}

	private List<Map<String, @Nullable String>> readResult() throws IOException, SQLException {
		List<String> columns = List.of();
		List<Map<String, @Nullable String>> rows = new ArrayList<>();
		SQLException failure = null;
		while (true) {
			Message message = receive();
			switch (message.type()) {
				case 'T' -> columns = columns(message.body());
				case 'D' -> rows.add(row(message.body(), columns));
				case 'E' -> failure = error(message);
				case 'Z' -> {
					if (failure != null) {
						throw failure;
					}
					return rows;
				}
				default -> {
					// CommandComplete, EmptyQueryResponse and notices carry nothing we need
				}
			}
		}
	}

	private static List<String> columns(DataInputStream body) throws IOException {
		int count = body.readUnsignedShort();
		List<String> columns = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			columns.add(readString(body));
			body.skipNBytes(18);
		}
		return columns;
	}

	private static Map<String, @Nullable String> row(DataInputStream body, List<String> columns) throws IOException {
		int count = body.readUnsignedShort();
		Map<String, @Nullable String> row = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			int length = body.readInt();
			String value = (length < 0) ? null : new String(body.readNBytes(length), StandardCharsets.UTF_8);
			row.put((i < columns.size()) ? columns.get(i) : "column" + (i + 1), value);
		}
		return row;
	}

	private static SQLException error(Message message) throws IOException {
		DataInputStream body = message.body();
		String state = "XX000";
		String text = "unknown error";
		for (int field = body.read(); field > 0; field = body.read()) {
			String value = readString(body);
			if (field == 'C') {
				state = value;
			}
			else if (field == 'M') {
				text = value;
			}
		}
		return new SQLException("PgBouncer: " + text, state);
	}

	private void sendStartup(String user, String applicationName) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		DataOutputStream data = new DataOutputStream(body);
		data.writeInt(PROTOCOL_3_0);
		for (String part : new String[] { "user", user, "database", "pgbouncer", "application_name",
				applicationName }) {
			data.write(utf8(part));
			data.write(0);
		}
		data.write(0);
		this.out.writeInt(body.size() + 4);
		this.out.write(body.toByteArray());
		this.out.flush();
	}

	private void sendPassword(byte[] password) throws IOException {
		send('p', concat(password, new byte[] { 0 }));
	}

	private void send(char type, byte[] body) throws IOException {
		this.out.write(type);
		this.out.writeInt(body.length + 4);
		this.out.write(body);
		this.out.flush();
	}

	private Message receive() throws IOException {
		char type = (char) this.in.readUnsignedByte();
		int length = this.in.readInt();
		if (length < 4 || length > 16 * 1024 * 1024) {
			throw new IOException("Malformed message '" + type + "' of length " + length);
		}
		return new Message(type, this.in.readNBytes(length - 4));
	}

	private static String readString(DataInputStream body) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int read = body.read(); read > 0; read = body.read()) {
			bytes.write(read);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static String md5Hex(byte[] input) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(input));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

	/**
	 * One backend message.
	 */
	private record Message(char type, byte[] bytes) {

		DataInputStream body() {
			return new DataInputStream(new ByteArrayInputStream(this.bytes));
		}

		byte[] rest(int offset) {
			byte[] rest = new byte[this.bytes.length - offset];
			System.arraycopy(this.bytes, offset, rest, 0, rest.length);
			return rest;
		}

	}

	/**
	 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding, as
	 * PostgreSQL and PgBouncer speak it.
	 */
	private static final class Scram {

		private final String password;

		private final String clientFirstBare;

		private byte @Nullable [] serverSignature;

		Scram(String password, List<String> mechanisms) throws SQLException {
			if (!mechanisms.contains(SCRAM)) {
				throw new SQLNonTransientConnectionException("PgBouncer's admin console offers " + mechanisms
						+ ", none of which this client speaks", "28000");
			}
			byte[] nonce = new byte[18];
			new SecureRandom().nextBytes(nonce);
			this.password = password;
			this.clientFirstBare = "n=,r=" + Base64.getEncoder().encodeToString(nonce);
		}

		byte[] initialResponse() throws IOException {
			byte[] first = utf8("n,," + this.clientFirstBare);
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			DataOutputStream data = new DataOutputStream(body);
			data.write(utf8(SCRAM));
			data.write(0);
			data.writeInt(first.length);
			data.write(first);
			return body.toByteArray();
		}

		byte[] finalMessage(String serverFirst) throws SQLException {
			Map<Character, String> fields = fields(serverFirst);
			String nonce = fields.get('r');
			String salt = fields.get('s');
			String iterations = fields.get('i');
			String clientNonce = this.clientFirstBare.substring(this.clientFirstBare.indexOf("r=") + 2);
			if (nonce == null || salt == null || iterations == null || !nonce.startsWith(clientNonce)) {
				throw new SQLNonTransientConnectionException("Malformed SCRAM server message", "08P01");
			}
			try {
				byte[] salted = salted(Base64.getDecoder().decode(salt), Integer.parseInt(iterations));
				byte[] clientKey = hmac(salted, "Client Key");
				String withoutProof = "c=biws,r=" + nonce;
				String authMessage = this.clientFirstBare + "," + serverFirst + "," + withoutProof;
				byte[] signature = hmac(MessageDigest.getInstance("SHA-256").digest(clientKey), authMessage);
				byte[] proof = new byte[clientKey.length];
				for (int i = 0; i < proof.length; i++) {
					proof[i] = (byte) (clientKey[i] ^ signature[i]);
				}
				this.serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
				return utf8(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
			}
			catch (GeneralSecurityException | IllegalArgumentException ex) {
				throw new SQLNonTransientConnectionException("SCRAM authentication failed: " + ex, "28000", ex);
			}
		}

		void verify(String serverFinal) throws SQLException {
			String verifier = fields(serverFinal).get('v');
			if (verifier == null || this.serverSignature == null
					|| !MessageDigest.isEqual(Base64.getDecoder().decode(verifier), this.serverSignature)) {
				throw new SQLNonTransientConnectionException("PgBouncer's SCRAM signature does not match: "
						+ "the admin console is not the one the password belongs to", "28000");
			}
		}

		private byte[] salted(byte[] salt, int iterations) throws GeneralSecurityException {
			PBEKeySpec spec = new PBEKeySpec(this.password.toCharArray(), salt, iterations, 256);
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		}

		private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(utf8(text));
		}

		private static Map<Character, String> fields(String message) {
			Map<Character, String> fields = new LinkedHashMap<>();
			for (String field : message.split(",")) {
				if (field.length() >= 2 && field.charAt(1) == '=') {
					fields.put(field.charAt(0), field.substring(2));
				}
			}
			return fields;
		}

	}

}
