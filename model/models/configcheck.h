#pragma once

#include "core/types.h"
#include "layers/activation.h"
#include "layers/embedding.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

// The range checks every model config's validate() makes, with one translatable message
// each: "<model> config: <setting> <value> must be ...". Each throws attn::Error when the
// value is out of range and does nothing otherwise.
namespace attn::configcheck {

// ok is the caller's range test; lo and hi name the range in the message.
void between(const char *model, bool ok, const char *setting, int value, const char *lo,
             const char *hi);
void dropout(const char *model, float p);            // finite, in [0, 1)
void layerNormEpsilon(const char *model, float eps); // finite, in (0, 1)
void parameterCount(const char *model, Index n);     // at most 2^31 (Index of the flat store)
void sinusoidScale(const char *model, float scale);  // finite, in (0, 100]
// What every Transformer config checks alike: dropout, layer_norm_epsilon and
// attentionlab_sinusoid_scale (above).
void transformerParts(const char *model, float dropout, float eps, float sinusoidScale);

// "activation_function": "gelu_new" (GPT-2's tanh GELU; "gelu_pytorch_tanh" reads the same)
// or "relu". A missing key reads as fallback; another name throws attn::Error naming it.
void writeActivation(nlohmann::json &j, Activation activation);
Activation readActivation(const char *model, const nlohmann::json &j, Activation fallback);

// The position settings of every Transformer config: "attentionlab_positions" ("learned" |
// "sinusoidal") and "attentionlab_sinusoid_scale" (the fixed sinusoids' amplitude).
void writePositions(nlohmann::json &j, PositionKind kind, float scale);
// A missing kind reads as fallback, a missing scale as 1 (files from before the scale);
// anything else that is not one of the above throws attn::Error naming the key.
void readPositions(const char *model, const nlohmann::json &j, PositionKind fallback,
                   PositionKind &kind, float &scale);

// The config readers of every model: a missing or null key reads as fallback; a value of
// another JSON type, or an integer outside [lowest, 2^30], throws attn::Error
// "<model> config: '<key>' ...".
int readInt(const char *model, const nlohmann::json &j, const char *key, int fallback,
            int lowest = 0);
float readFloat(const char *model, const nlohmann::json &j, const char *key, float fallback);
std::string readString(const char *model, const nlohmann::json &j, const char *key,
                       const std::string &fallback);
bool readBool(const char *model, const nlohmann::json &j, const char *key, bool fallback);

} // namespace attn::configcheck
