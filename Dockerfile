# syntax=docker/dockerfile:1
# S-EHR Cloud gateway. Build: docker build -t sehr-cloud .   Run: see docker-compose.yml or k8s/.

# --- Stage 1: build the shaded jar ---------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first: this layer is rebuilt only when pom.xml changes.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src/ src/
COPY routes/ routes/
# routes/extensions may be absent in a clean clone (git keeps no empty folders): make sure it exists.
RUN mvn -B -q package -DskipTests && mkdir -p routes/extensions

# --- Stage 2: runtime ----------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --gid 10001 sehr \
 && useradd --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin sehr
WORKDIR /app
# Application files stay root-owned (read-only for the service user).
COPY --from=build /build/target/sehr-cloud.jar /app/sehr-cloud.jar
COPY --from=build /build/routes/extensions/ /app/routes/extensions/
# The data dir is the only place the service writes (besides /tmp). With external stores configured it holds
# just the token signing key generated on first start; in production configure SEHR_TOKEN_SIGNING_KEY_FILE
# from a secret instead, so that every replica signs with the same key and the key survives the container.
RUN mkdir -p /app/data && chown 10001:10001 /app/data && chmod 0700 /app/data
ENV SEHR_DATA_DIR=/app/data
USER 10001:10001
EXPOSE 5000
# No HEALTHCHECK: the JRE image has no curl. docker-compose.yml and k8s/ probe /health/live and /health/ready.
# The heap takes 60% of the container's memory, the rest is headroom for metaspace, code, thread stacks and direct
# buffers (the JVM needs ~250 MiB beyond its heap); override JAVA_TOOL_OPTIONS to change it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:MaxDirectMemorySize=256m"
ENTRYPOINT ["java", "-jar", "/app/sehr-cloud.jar"]
CMD ["serve"]
