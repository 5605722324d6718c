# One image for the three services; docker-compose.yml picks the main class per service.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/launcher/target/launcher-0.1.0-SNAPSHOT.jar /app/launcher.jar
COPY --from=build /src/launcher/target/lib /app/lib
COPY --from=build /src/examples /app/examples
ENV DATA_DIR=/data
VOLUME /data
ENTRYPOINT ["java", "-cp", "/app/launcher.jar:/app/lib/*"]
