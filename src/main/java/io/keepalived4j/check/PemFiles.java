package io.keepalived4j.check;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM files of keepalived's SSL block, read as OpenSSL reads them for check_ssl.c: a
 * certificate chain, and a private key in PKCS#8 ({@code PRIVATE KEY}, or {@code ENCRYPTED PRIVATE
 * KEY} with the block's password), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE
 * KEY}). Keys in OpenSSL's legacy encrypted PEM ({@code Proc-Type: 4,ENCRYPTED}) are refused:
 * convert them with {@code openssl pkcs8 -topk8}.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    /** rsaEncryption, id-ecPublicKey. */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";

    private PemFiles() {
    }

    /** Every certificate in the file. @throws IOException when there is none or one is unreadable */
    static List<X509Certificate> certificates(Path file) throws IOException {
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new IOException("no certificate in " + file);
            }
            return certs;
        } catch (CertificateException e) {
            throw new IOException("bad certificate in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first private key in the file. @throws IOException when there is none or it cannot be read */
    static PrivateKey privateKey(Path file, Optional<String> password) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            if (m.group(2).contains("Proc-Type:")) {
                throw new IOException(file + ": legacy encrypted PEM keys are not supported; convert with "
                        + "openssl pkcs8 -topk8");
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                return switch (type) {
                    case "PRIVATE KEY" -> pkcs8(der);
                    case "ENCRYPTED PRIVATE KEY" -> pkcs8(decrypt(der, password.orElse("")));
                    case "RSA PRIVATE KEY" -> pkcs8(wrap(sequence(concat(RSA_OID, new byte[]{0x05, 0x00})), der));
                    case "EC PRIVATE KEY" -> pkcs8(wrap(sequence(concat(EC_OID, curveOf(der))), der));
                    default -> throw new IOException(file + ": unsupported key type " + type);
                };
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IOException(file + ": cannot read the " + type + ": " + e.getMessage(), e);
            }
        }
        throw new IOException("no private key in " + file);
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "EdDSA", "XDH", "DSA", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static byte[] decrypt(byte[] der, String password) throws GeneralSecurityException, IOException {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        String algorithm = info.getAlgName();
        if (algorithm.equals("PBES2") || algorithm.equals(PBES2_OID)) {
            // The JDK names PBES2 schemes by their parameters, e.g. PBEWithHmacSHA256AndAES_256.
            algorithm = info.getAlgParameters().toString();
        }
        SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())),
                info.getAlgParameters());
        return info.getKeySpec(cipher).getEncoded();
    }

    /** PKCS#8 PrivateKeyInfo { version 0, algorithm, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        return sequence(concat(new byte[]{0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    /** The named-curve OID of a SEC1 ECPrivateKey: its [0] parameters. */
    private static byte[] curveOf(byte[] sec1) throws IOException {
        int i = 0;
        if ((sec1[i++] & 0xff) != 0x30) {
            throw new IOException("not an ECPrivateKey");
        }
        i = skipLength(sec1, i);
        while (i < sec1.length) {
            int tag = sec1[i++] & 0xff;
            int lengthAt = i;
            int start = skipLength(sec1, i);
            int length = length(sec1, lengthAt);
            if (tag == 0xa0) {
                return java.util.Arrays.copyOfRange(sec1, start, start + length);
            }
            i = start + length;
        }
        throw new IOException("the EC key names no curve");
    }

    private static int length(byte[] der, int at) {
        int first = der[at] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int value = 0;
        for (int k = 1; k <= (first & 0x7f); k++) {
            value = (value << 8) | (der[at + k] & 0xff);
        }
        return value;
    }

    private static int skipLength(byte[] der, int at) {
        int first = der[at] & 0xff;
        return first < 0x80 ? at + 1 : at + 1 + (first & 0x7f);
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
