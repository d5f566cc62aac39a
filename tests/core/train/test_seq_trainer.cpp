#include <doctest/doctest.h>

#include <cmath>

#include "core/train/seq_trainer.h"

using namespace attend;
using namespace attend::train;

namespace {
SeqTrainerConfig small(SeqArch arch) {
  SeqTrainerConfig c;
  c.arch = arch;
  c.task.kind = arch == SeqArch::EncoderDecoder ? data::SeqTaskKind::DigitsToWords : data::SeqTaskKind::Reverse;
  c.task.symbols = 6;
  c.task.min_len = 2, c.task.max_len = 4;
  c.model.d_model = 16, c.model.heads = 2, c.model.layers = 2, c.model.ffn = 32;
  c.rnn_embed = 8, c.rnn_hidden = 16;
  c.batch_size = 8;
  c.probe_rows = 3;
  c.eval_rows = 8;
  return c;
}
}  // namespace

TEST_CASE("every architecture trains in a session and publishes its internals") {
  for (SeqArch arch : {SeqArch::Decoder, SeqArch::Encoder, SeqArch::EncoderDecoder, SeqArch::RNN, SeqArch::LSTM}) {
    INFO("architecture " << std::string(arch_name(arch)));
    Session<SeqModel, SeqSnapshot> s(make_seq_model(small(arch)), seq_hooks(), 7);
    s.step(50);
    s.wait_idle();
    auto snap = s.latest();
    CHECK(snap->error.empty());
    CHECK(snap->progress.step == 50);
    CHECK(snap->progress.metrics.count("val_loss") == 1);
    CHECK(snap->progress.metrics.count("val_exact_match") == 1);
    CHECK(std::isfinite(snap->last.loss));
    CHECK(snap->last.grad_norm > 0);
    CHECK(snap->inputs.size() == 3);
    CHECK(snap->predictions[0].size() == snap->inputs[0].size());
    CHECK(snap->samples.size() == 3);
    CHECK(snap->params.size() > 2);
    CHECK(snap->parameter_count > 0);
    CHECK(snap->activation_bytes_train > 0);
    CHECK(snap->activation_bytes_inference == 0);
    CHECK(snap->vocab[data::kEos] == "<eos>");
    const float psum = [&] {
      float t = 0;
      for (float p : snap->next_token_probs) t += p;
      return t;
    }();
    CHECK(psum == doctest::Approx(1.f).epsilon(1e-4));
    if (arch == SeqArch::RNN || arch == SeqArch::LSTM) {
      CHECK(snap->attention.empty());
      CHECK(snap->recurrent.seq == static_cast<int>(snap->inputs[0].size()));
      CHECK(snap->hidden_grad_norms.size() == static_cast<size_t>(snap->recurrent.seq));
    } else {
      const size_t expected = arch == SeqArch::EncoderDecoder ? 2 + 2 * 2 : 2;
      REQUIRE(snap->attention.size() == expected);
      const tensor::AttentionRecord& r = snap->attention.back().record;
      CHECK(r.batch == 3);
      CHECK(r.heads == 2);
      CHECK(r.weights.size() == static_cast<size_t>(3 * 2 * r.tq * r.tk));
      CHECK(snap->block_grad_norms.size() == 2);
      if (arch == SeqArch::EncoderDecoder) {
        CHECK(snap->attention[0].name == "encoder.0.attn");
        CHECK(snap->attention[3].cross);
        CHECK(snap->attention[3].name == "decoder.0.cross");
        CHECK(snap->sources[0].size() == 4);
      }
    }
  }
}

TEST_CASE("a character-level LM trains on any text") {
  SeqTrainerConfig c = small(SeqArch::LSTM);
  std::string text;
  for (int i = 0; i < 40; ++i) text += "to be or not to be, that is the question. ";
  c.text = std::make_shared<const std::string>(text);
  c.text_window = 16;
  SeqModel m = make_seq_model(c);
  REQUIRE(m.error.empty());
  const double first = train_step(m).loss;
  for (int i = 0; i < 150; ++i) train_step(m);
  CHECK(m.last.loss < 0.7 * first);
  const auto metrics = evaluate(m);
  CHECK(metrics[2].first == "val_perplexity");
  SeqSnapshot s;
  publish(m, s);
  CHECK(s.task == "text");
  CHECK(s.samples[0].size() == 48);
  CHECK(s.vocab.size() == static_cast<size_t>(model_vocab(m)));
}

TEST_CASE("hyperparameters by name, bad configurations are refused with a reason") {
  Session<SeqModel, SeqSnapshot> s(make_seq_model(small(SeqArch::Decoder)), seq_hooks(), 1);
  s.set("lr", 0.01);
  s.set("batch_size", 4);
  s.set("clip_norm", 0.5);
  s.set("method", static_cast<double>(optim::Method::Momentum));
  s.set("no_such_knob", 1);
  s.post([](SeqModel& m) {
    CHECK(m.config.hyper.lr == 0.01);
    CHECK(m.config.batch_size == 4);
    CHECK(m.opt.method == optim::Method::Momentum);
  });
  s.step(3);
  s.wait_idle();
  CHECK(s.latest()->progress.error == "unknown hyperparameter 'no_such_knob'");
  CHECK(s.latest()->last.grad_norm > 0);

  SeqTrainerConfig bad = small(SeqArch::Encoder);
  bad.task.kind = data::SeqTaskKind::DigitsToWords;
  SeqModel m = make_seq_model(bad);
  CHECK(m.error.find("encoder-only") != std::string::npos);
  CHECK(m.config.arch == SeqArch::Decoder);  // the default ran instead
  SeqTrainerConfig heads = small(SeqArch::Decoder);
  heads.model.heads = 3;
  CHECK_FALSE(validate(heads));
}

TEST_CASE("same seed, same training, a copied model (checkpoint) trains independently") {
  SeqModel a = make_seq_model(small(SeqArch::Decoder)), b = make_seq_model(small(SeqArch::Decoder));
  reset(a, 5);
  reset(b, 5);
  for (int i = 0; i < 5; ++i) CHECK(train_step(a).loss == train_step(b).loss);
  SeqModel copy = a;
  const double next = train_step(a).loss;
  CHECK(train_step(copy).loss == next);  // the copy resumes exactly where the original was
  CHECK(&parameters(copy)[0]->value != &parameters(a)[0]->value);
}

TEST_CASE("gradient accumulation: micro-batches make one update") {
  SeqTrainerConfig c = small(SeqArch::Decoder);
  c.micro_batches = 3;
  SeqModel m = make_seq_model(c);
  train_step(m);
  train_step(m);
  CHECK(m.opt.t == 2);
}
