# Madoguchi on Node's official image, running exactly the tested start command (`npm start`).
# Kept minimal on purpose: it has not been built here (the development machines have no Docker).
# See docs/deployment.md for running several instances with Redis.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
# The widget's Web Chat bundle (see scripts/build-widget.ts): fetched once here, served offline.
RUN node scripts/build-widget.ts
# The embedded SQLite default writes data/; with REDIS_URL set nothing is written locally.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3978
CMD ["npm", "start"]
