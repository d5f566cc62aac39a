#include "core/lesson/topics.h"

namespace attend::lesson {

const std::vector<Topic>& topics() {
  static const std::vector<Topic> kTopics = {
      {1, "Self-attention vs recurrence", "an RNN reading tokens one by one with a hidden state beside self-attention computing all pairs at once; why attention parallelises"},
      {2, "Self-attention step by step", "X, W_Q, W_K, W_V, queries keys values, QK^T, scaling by the square root of d, softmax rows, the weighted sum AV; following one query token; softmax saturation without scaling"},
      {3, "Multi-head attention", "several heads side by side with their own patterns; concatenation and output projection; heads specialising during training"},
      {4, "Masking", "causal mask in a decoder, no peeking at future tokens; padding mask; the mask over the attention heatmap"},
      {5, "Cross-attention and encoder-decoder (seq2seq)", "decoder tokens attending to encoder tokens on a toy translation task; teacher forcing versus feeding back predictions; start and end tokens"},
      {6, "Positional encoding", "sinusoidal encodings as a heatmap; a fixed offset is a rotation of the encoding; learned versus sinusoidal positions; attention without positions"},
      {7, "Transformer block, BERT vs GPT", "encoder block with multi-head attention, feed-forward, layer norm and residual connections; decoder with masked and cross attention; bidirectional encoder versus causal decoder; next-token probabilities of a language model"},
      {8, "Layer norm vs batch norm", "which axis each normalises over on a batch by features tensor; learnable gamma and beta; batch norm with sequences and tiny batches"},
      {9, "RNNs and vanishing gradients", "gradient norm reaching earlier steps shrinking; long sequences forgetting the start; recurrent networks and LSTM"},
      {10, "Word embeddings without a neural net", "sliding window co-occurrence matrix, PMI and PPMI, truncated SVD rows as word vectors"},
      {11, "Word2Vec and GloVe", "skip-gram predicting context words, softmax and negative sampling; GloVe on global co-occurrence counts; nearest neighbours and analogies"},
      {12, "Embedding projections", "PCA and t-SNE of learned vectors, perplexity and iterations; labels, search and neighbours"},
      {13, "Keyword vs semantic search, RAG", "TF-IDF and BM25 ranking versus vector similarity for the same query; retrieving top chunks to build a prompt context for retrieval augmented generation"},
      {14, "Logistic regression", "linear score through the sigmoid; cross-entropy loss and its terms; gradient descent versus the closed-form normal equation"},
      {15, "Learning paradigms", "supervised, unsupervised clustering, weakly supervised noisy labels, semi-supervised consistency loss, active learning of uncertain points"},
      {16, "Empirical risk minimisation", "true risk versus empirical risk as the sample grows; choosing the hypothesis that minimises a loss"},
      {17, "Occam's razor, overfitting, bias-variance", "polynomial degree versus train and test error; overfitting and underfitting; variance across resampled datasets; L2 shrinkage and L1 sparsity regularisation"},
      {18, "Wide vs deep networks", "linear regions of a ReLU network over the input plane, wide versus deep at equal parameter count"},
      {19, "Universal approximation", "one hidden layer fitting a function as neurons are added; why it fails in practice"},
      {20, "Saddle points vs local minima", "surfaces with saddles and minima; Hessian eigenvalues at a critical point; minima becoming rare as dimension grows; optimizers slowing near saddles"},
      {21, "Optimizers and loss landscapes", "SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam racing on surfaces; learning rate; a network's loss along random directions"},
      {22, "Hyperparameters and tuning", "parameters versus hyperparameters; grid search, random search, successive halving and Bayesian optimisation on a validation metric"},
      {23, "Training vs inference", "activation memory kept for backpropagation versus inference; gradient accumulation to emulate a larger batch"},
      {24, "Offloading vs distributed inference", "moving weights block by block to a GPU per token versus sending activations between servers; cost of a large model"},
      {25, "Zero-, one-, few-shot", "examples in the prompt without training; in-context learning of a small transformer"},
      {26, "Why logs", "log turns products into sums; log-sum-exp and numerical stability; float overflow and underflow"},
      {27, "Classic models zoo", "logistic regression, LDA, linear and RBF SVM with the kernel trick, decision tree, random forest, k-NN with Minkowski distance, naive Bayes decision boundaries"},
      {28, "Metrics", "accuracy, log loss, ROC curve and AUC, confusion matrix, precision, recall, F1 classification report, R squared; BLEU for generated sequences"},
      {29, "Regression family", "linear, ridge, lasso and elastic net regression; feature scaling speeding up gradient descent; correlated features"},
      {30, "A tabular pipeline", "data reader, preprocessing: dropping missing values, one-hot encoding categories, scaling; stratified split; several models compared"},
      {31, "The production cycle", "scoping, data, modelling, deployment, monitoring performance decay under drift, business analysis"},
      {32, "Deep learning's rise; design patterns", "what made deep learning take off: data, GPUs, algorithms; abstract base class, factory and singleton patterns"},
  };
  return kTopics;
}

const Topic* find_topic(int number) {
  const auto& t = topics();
  if (number < 1 || number > static_cast<int>(t.size())) return nullptr;
  return &t[static_cast<size_t>(number - 1)];
}

}  // namespace attend::lesson
