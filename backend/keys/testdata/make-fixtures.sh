#!/bin/sh
# Regenerates the key fixtures with OpenSSL, the tool most users' keys come from.
# These keys are test data only. Run from this folder: sh make-fixtures.sh
set -eu
P=fixture-passphrase
openssl genrsa -traditional -out rsa2048-pkcs1.pem 2048 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in rsa2048-pkcs1.pem -out rsa2048-pkcs8.pem
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:$P -in rsa2048-pkcs1.pem -out rsa2048-pkcs8-encrypted.pem
openssl rsa -aes256 -traditional -passout pass:$P -in rsa2048-pkcs1.pem -out rsa2048-legacy-encrypted.pem 2>/dev/null
openssl ecparam -name prime256v1 -genkey -out ec256-sec1-with-params.pem
# The same key with its recorded public point compressed, and in the hybrid form.
openssl ec -conv_form compressed -in ec256-sec1-with-params.pem -out ec256-sec1-compressed.pem 2>/dev/null
openssl ec -conv_form hybrid -in ec256-sec1-with-params.pem -out ec256-sec1-hybrid.pem 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ec384-pkcs8.pem
openssl ec -aes128 -passout pass:$P -in ec384-pkcs8.pem -out ec384-legacy-encrypted.pem 2>/dev/null
openssl pkcs8 -topk8 -v2 aes-128-cbc -v2prf hmacWithSHA1 -passout pass:$P -in ec384-pkcs8.pem -out ec384-pkcs8-encrypted-sha1.pem
openssl genpkey -algorithm ed25519 -out ed25519.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out ec521.pem
openssl ecparam -name secp256k1 -genkey -noout -out secp256k1-sec1.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out secp256k1-pkcs8.pem
openssl dsaparam -genkey -noout -out dsa.pem 2048 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in dsa.pem -out dsa-pkcs8.pem
openssl genrsa -out rsa1024.pem 1024 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_primes:3 -out rsa2048-3prime.pem
openssl pkey -in rsa2048-pkcs1.pem -pubout -out rsa2048-public.pem
openssl req -new -x509 -key ec384-pkcs8.pem -subj /CN=fixture.example -days 1 -out certificate.pem
openssl req -new -key ec384-pkcs8.pem -subj /CN=fixture.example -out csr.pem
# SHA-256 of the DER public key, as OpenSSL computes it, for the fingerprint tests.
for k in rsa2048-pkcs1 ec256-sec1-with-params ec384-pkcs8; do
  openssl pkey -in $k.pem -pubout -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1 > $k.sha256
done
# The same keys in OpenSSH's own format, as ssh-keygen writes it (-p rewrites a copy in place).
for k in ec384-pkcs8:ec384-openssh rsa2048-pkcs1:rsa2048-openssh; do
  cp ${k%%:*}.pem ${k##*:}.key && chmod 600 ${k##*:}.key && ssh-keygen -q -p -P '' -N '' -f ${k##*:}.key
done
cp ec384-pkcs8.pem ec384-openssh-encrypted.key && chmod 600 ec384-openssh-encrypted.key && ssh-keygen -q -p -P '' -N $P -f ec384-openssh-encrypted.key
ssh-keygen -q -t ed25519 -N '' -C fixture -f ed25519-openssh.key && rm ed25519-openssh.key.pub
