# Madoguchi on Node's official image, running what `npm start` runs: the production bundle.
# Kept minimal on purpose: it has not been built here (the development machines have no Docker).
# See the README's Deployment section for running several instances with Redis.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
# As `npm start` runs it (scripts/build.ts, SERVER_ENV): at most two malloc arenas.
ENV MALLOC_ARENA_MAX=2
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
# The widget's Web Chat bundle (see scripts/build-widget.ts): fetched once here, served offline.
RUN node scripts/build-widget.ts
# The server bundle (scripts/build.ts), built once here rather than on every start.
RUN node scripts/build.ts
# The embedded SQLite default writes data/; with REDIS_URL set nothing is written locally.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3978
# Node as PID 1 receives docker stop's SIGTERM and shuts down gracefully (src/server.ts).
CMD ["node", "--max-semi-space-size=8", "--min-semi-space-size=8", "--max-old-space-size=1024", "dist/main.js"]
