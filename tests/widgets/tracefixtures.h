#pragma once

// Hand-written attention traces for the widget tests. Every weight here is written out
// (or built from a simple rule stated next to it), so a test can compare what a view
// holds against numbers it did not compute with the code under test.

#include "trace/attentiontrace.h"

#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace fixtures {

// A 3x3 causal block with two heads. Rows: queries, columns: keys.
//   head 0:  [1    0    0  ]    head 1:  [1    0    0  ]
//            [0.25 0.75 0  ]             [0.75 0.25 0  ]
//            [0.5  0.25 0.25]            [0.1  0.2  0.7]
// mean:      [1    0    0   ]
//            [0.5  0.5  0   ]
//            [0.3  0.225 0.475]
inline attn::MatRM head0()
{
    attn::MatRM w(3, 3);
    w << 1.0f, 0.0f, 0.0f, 0.25f, 0.75f, 0.0f, 0.5f, 0.25f, 0.25f;
    return w;
}
inline attn::MatRM head1()
{
    attn::MatRM w(3, 3);
    w << 1.0f, 0.0f, 0.0f, 0.75f, 0.25f, 0.0f, 0.1f, 0.2f, 0.7f;
    return w;
}
inline attn::MatRM causalMask3()
{
    attn::MatRM m(3, 3);
    m << 0, 1, 1, 0, 0, 1, 0, 0, 0;
    return m;
}

inline std::shared_ptr<attn::AttentionTrace> causal3(std::vector<std::string> tokens = {
                                                         "the", "cat", "sat"})
{
    auto t = std::make_shared<attn::AttentionTrace>();
    t->queryTokens = tokens;
    t->keyTokens = tokens;
    attn::AttentionBlockTrace b;
    b.name = "layers.0.attn";
    b.role = attn::AttentionRole::CausalSelf;
    b.layer = 0;
    b.mask = causalMask3();
    b.heads.resize(2);
    b.heads[0].weights = head0();
    b.heads[1].weights = head1();
    t->blocks.push_back(b);
    attn::AttentionBlockTrace b2 = b;
    b2.name = "layers.1.attn";
    b2.layer = 1;
    b2.heads[0].weights = head1();
    b2.heads[1].weights = head0();
    t->blocks.push_back(b2);
    return t;
}

// A causal trace of T tokens, L layers, H heads. Weights follow a rule: row i of head
// h in layer l puts 2^((3i + 5j + 7h + l) % 5) / norm on key j <= i (rows sum to 1), 0
// above the diagonal.
inline std::shared_ptr<attn::AttentionTrace> causal(int T, int L, int H,
                                                    const std::vector<std::string> &tokens = {})
{
    auto t = std::make_shared<attn::AttentionTrace>();
    for (int i = 0; i < T; ++i)
        t->queryTokens.push_back(i < static_cast<int>(tokens.size())
                                     ? tokens[static_cast<std::size_t>(i)]
                                     : "tok" + std::to_string(i));
    t->keyTokens = t->queryTokens;
    for (int l = 0; l < L; ++l) {
        attn::AttentionBlockTrace b;
        b.name = "layers." + std::to_string(l) + ".attn";
        b.layer = l;
        b.role = attn::AttentionRole::CausalSelf;
        b.mask = attn::MatRM::Zero(T, T);
        for (int i = 0; i < T; ++i)
            for (int j = i + 1; j < T; ++j)
                b.mask(i, j) = 1;
        for (int h = 0; h < H; ++h) {
            attn::HeadTrace ht;
            ht.weights = attn::MatRM::Zero(T, T);
            for (int i = 0; i < T; ++i) {
                float norm = 0;
                for (int j = 0; j <= i; ++j)
                    norm += static_cast<float>(1 << ((3 * i + 5 * j + 7 * h + l) % 5));
                for (int j = 0; j <= i; ++j)
                    ht.weights(i, j) =
                        static_cast<float>(1 << ((3 * i + 5 * j + 7 * h + l) % 5)) / norm;
            }
            b.heads.push_back(ht);
        }
        t->blocks.push_back(b);
    }
    return t;
}

// For screenshots: heads with the patterns trained models show. Head kind (h + l) % 5:
// previous token, first token, itself, a local window, and a spread by a fixed hash.
// Scores are softmaxed over keys j <= i.
inline std::shared_ptr<attn::AttentionTrace> patterned(int T, int L, int H,
                                                       const std::vector<std::string> &tokens = {})
{
    auto t = causal(T, L, H, tokens);
    for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h) {
            attn::MatRM &w =
                t->blocks[static_cast<std::size_t>(l)].heads[static_cast<std::size_t>(h)].weights;
            const int kind = (h + l) % 5;
            for (int i = 0; i < T; ++i) {
                double sum = 0;
                std::vector<double> e(static_cast<std::size_t>(i + 1));
                for (int j = 0; j <= i; ++j) {
                    double s = 0;
                    switch (kind) {
                    case 0:
                        s = j == i - 1 ? 4.0 : 0.0;
                        break;
                    case 1:
                        s = j == 0 ? 3.0 : 0.0;
                        break;
                    case 2:
                        s = j == i ? 3.0 : 0.0;
                        break;
                    case 3:
                        s = -1.2 * (i - j);
                        break;
                    default:
                        s = 2.5 * (((j * 7 + l * 3 + h) % 5) == 0);
                        break;
                    }
                    e[static_cast<std::size_t>(j)] = std::exp(s);
                    sum += e[static_cast<std::size_t>(j)];
                }
                for (int j = 0; j <= i; ++j)
                    w(i, j) = static_cast<float>(e[static_cast<std::size_t>(j)] / sum);
            }
        }
    return t;
}

} // namespace fixtures
