// The reference peer for QuizBot's PING figure (bench/QuizBot.LoadGen --peer): Express with the
// discord-interactions package's verifyKeyMiddleware, answering a signed PING with PONG, as that package's
// own example does. PUBLIC_KEY (hex) and PORT come from the load generator; it listens on loopback only.
const express = require('express');
const { verifyKeyMiddleware, InteractionType, InteractionResponseType } = require('discord-interactions');

const app = express();
app.post('/interactions', verifyKeyMiddleware(process.env.PUBLIC_KEY), (req, res) => {
  if (req.body.type === InteractionType.PING) {
    res.send({ type: InteractionResponseType.PONG });
    return;
  }
  res.status(400).send({ error: 'only PING is served here' });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
