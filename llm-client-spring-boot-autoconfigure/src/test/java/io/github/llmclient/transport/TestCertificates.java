package io.github.llmclient.transport;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time: a private CA, a server certificate it signs (for
 * {@code localhost} and {@code 127.0.0.1}, or for another name), and a client certificate it
 * signs, written as PEM files for a Spring Boot SSL bundle.
 */
final class TestCertificates {

	private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

	final Path dir;

	final Issued ca;

	final Issued server;

	final Issued client;

	/** A server certificate of the same CA for a name that is not this host. */
	final Issued otherHost;

	private TestCertificates(Path dir) throws Exception {
		this.dir = dir;
		this.ca = issue("CN=Test Private CA", null, true, null, null);
		this.server = issue("CN=localhost", this.ca, false, KeyPurposeId.id_kp_serverAuth,
				new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
						new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
		this.client = issue("CN=llm-client", this.ca, false, KeyPurposeId.id_kp_clientAuth, null);
		this.otherHost = issue("CN=gateway.example", this.ca, false, KeyPurposeId.id_kp_serverAuth,
				new GeneralNames(new GeneralName(GeneralName.dNSName, "gateway.example")));
		write("ca", this.ca);
		write("server", this.server);
		write("client", this.client);
		write("other", this.otherHost);
	}

	static TestCertificates create() throws Exception {
		return new TestCertificates(Files.createTempDirectory("llm-tls"));
	}

	/** The PEM certificate file of the given name (ca, server, client, other). */
	Path certificate(String name) {
		return this.dir.resolve(name + ".crt");
	}

	/** The PEM (PKCS#8) private key file of the given name. */
	Path privateKey(String name) {
		return this.dir.resolve(name + ".key");
	}

	private static Issued issue(String subject, Issued issuer, boolean ca, KeyPurposeId purpose, GeneralNames names)
			throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keys = generator.generateKeyPair();
		Instant now = Instant.now();
		X500Name issuerName = new X500Name((issuer != null) ? issuer.certificate.getSubjectX500Principal().getName()
				: subject);
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
				BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
				Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), keys.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
		if (ca) {
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		else {
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
		}
		if (names != null) {
			builder.addExtension(Extension.subjectAlternativeName, false, names);
		}
		PrivateKey signer = (issuer != null) ? issuer.key : keys.getPrivate();
		X509Certificate certificate = new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
		return new Issued(certificate, keys.getPrivate());
	}

	private void write(String name, Issued issued) throws IOException, GeneralSecurityException {
		Files.writeString(certificate(name), pem("CERTIFICATE", issued.certificate.getEncoded()));
		Files.writeString(privateKey(name), pem("PRIVATE KEY", issued.key.getEncoded()));
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der) + "\n-----END " + type
				+ "-----\n";
	}

	/** A certificate and its private key. */
	record Issued(X509Certificate certificate, PrivateKey key) {
	}

}
