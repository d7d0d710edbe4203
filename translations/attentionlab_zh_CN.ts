<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Copy Versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>AttentionLab %1
Qt %2 (built with %3)
Eigen %4
QCustomPlot %5
OpenMP threads: %6
SIMD: %7
Compiler: %8</source>
        <translation>AttentionLab %1
Qt %2（编译时版本 %3）
Eigen %4
QCustomPlot %5
OpenMP 线程数：%6
SIMD：%7
编译器：%8</translation>
    </message>
    <message>
        <source>About AttentionLab</source>
        <translation>关于 AttentionLab</translation>
    </message>
    <message>
        <source>AttentionLab</source>
        <translation>AttentionLab</translation>
    </message>
    <message>
        <source>Licensed under the GNU General Public License, version 3 or later.</source>
        <translation>依据 GNU 通用公共许可证第 3 版或更高版本授权。</translation>
    </message>
    <message>
        <source>Watch the attention mechanism learn: train small attention models and see every step of softmax(QKᵀ/√dₖ)V with real numbers.</source>
        <translation>观察注意力机制如何学习：训练小型注意力模型，用真实数值查看 softmax(QKᵀ/√dₖ)V 的每一步计算。</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Language modelling on %1: the model learns to predict each next token of the text.</source>
        <translation>在 %1 上进行语言建模：模型学习预测文本中的每一个下一个词元。</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n distinct character(s)</source>
        <translation>
            <numerusform>%n 个不同字符</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in task: %1</source>
        <translation>内置任务：%1</translation>
    </message>
    <message>
        <source>Expected attention: %1</source>
        <translation>预期的注意力模式：%1</translation>
    </message>
    <message numerus="yes">
        <source>Vocabulary: %n token(s)</source>
        <translation>
            <numerusform>词表：%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <source>Train on</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>A built-in task that shows a clear attention pattern, or the text file you opened</source>
        <translation>选择一个能呈现清晰注意力模式的内置任务，或你打开的文本文件。</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>分词方式</translation>
    </message>
    <message>
        <source>How a text is cut into tokens: characters, words (each Chinese character its own word), or byte-pair encoding</source>
        <translation>分词器如何把文本切分为词元：按字符、按词（每个汉字单独算一个词）或使用字节对编码。</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Byte-pair encoding</source>
        <translation>字节对编码（BPE）</translation>
    </message>
    <message>
        <source>Text: %1</source>
        <translation>文本：%1</translation>
    </message>
    <message>
        <source>Copy (diagonal)</source>
        <translation>复制（对角线）</translation>
    </message>
    <message>
        <source>Reverse (anti-diagonal)</source>
        <translation>反转（反对角线）</translation>
    </message>
    <message>
        <source>Sort digits</source>
        <translation>数字排序</translation>
    </message>
    <message>
        <source>Addition</source>
        <translation>加法</translation>
    </message>
    <message>
        <source>Date normalisation</source>
        <translation>日期规范化</translation>
    </message>
    <message>
        <source>repeat a string of letters</source>
        <translation>原样重复一串字母</translation>
    </message>
    <message>
        <source>write a string of letters backwards</source>
        <translation>把一串字母倒序写出</translation>
    </message>
    <message>
        <source>sort a string of digits</source>
        <translation>把一串数字从小到大排序</translation>
    </message>
    <message>
        <source>add two decimal numbers</source>
        <translation>计算两个十进制数之和</translation>
    </message>
    <message>
        <source>write a date given in one of over 40 English, Chinese and numeric formats as YYYY-MM-DD</source>
        <translation>把以 40 多种英文、中文或数字格式之一给出的日期改写为 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>diagonal: each answer symbol looks at the same position</source>
        <translation>对角线：答案中的每个符号都关注输入中相同位置的符号</translation>
    </message>
    <message>
        <source>anti-diagonal: the i-th answer symbol looks at the i-th from the end</source>
        <translation>反对角线：答案的第 i 个符号关注输入中倒数第 i 个符号</translation>
    </message>
    <message>
        <source>each answer digit looks at where that digit occurs in the input</source>
        <translation>答案中的每个数字都关注该数字在输入中出现的位置</translation>
    </message>
    <message>
        <source>answer digits look at the aligned digits (and the carry) of both numbers</source>
        <translation>答案的各位数字关注两个加数对齐的对应位（以及进位）</translation>
    </message>
    <message>
        <source>answer year, month and day look at the words and numbers that carry them, wherever they are</source>
        <translation>答案中的年、月、日关注输入里表示它们的词和数字，无论它们出现在哪里</translation>
    </message>
</context>
<context>
    <name>InferenceEngine</name>
    <message>
        <source>No model yet.</source>
        <translation>还没有模型。</translation>
    </message>
    <message>
        <source>Type some text for the model to continue.</source>
        <translation>请输入一些文本让模型续写。</translation>
    </message>
    <message>
        <source>Type some text to classify.</source>
        <translation>请输入要分类的文本。</translation>
    </message>
    <message>
        <source>Type a source text to translate.</source>
        <translation>请输入要翻译的源文本。</translation>
    </message>
    <message>
        <source>This kind of model (%1) has no inference view yet.</source>
        <translation>这种模型（%1）还没有推理视图。</translation>
    </message>
</context>
<context>
    <name>InferencePanel</name>
    <message>
        <source>No model to ask yet: build or open one.</source>
        <translation>还没有可用的模型：请先构建或打开一个模型。</translation>
    </message>
    <message>
        <source>Model at step %1</source>
        <translation>模型位于第 %1 步</translation>
    </message>
    <message>
        <source>Label probabilities</source>
        <translation>标签概率</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>下一个词元</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>贪心</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>文本(&amp;T)：</translation>
    </message>
    <message>
        <source>Type a prompt, e.g. the start of a sentence</source>
        <translation>输入提示，例如一句话的开头</translation>
    </message>
    <message>
        <source>As the model reads it:</source>
        <translation>模型读到的词元：</translation>
    </message>
    <message>
        <source>Type some text to see what the model expects next.</source>
        <translation>输入一些文本，看看模型预计下一个词元是什么。</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>T&amp;emperature:</source>
        <translation>温度(&amp;E)：</translation>
    </message>
    <message>
        <source>Divides the logits before softmax: below 1 sharpens the distribution, above 1 flattens it; 0 always takes the most likely token.</source>
        <translation>在 softmax 之前用它除 logits：小于 1 使分布更尖锐，大于 1 使分布更平坦；0 总是选取最可能的词元。</translation>
    </message>
    <message>
        <source>Top-&amp;k:</source>
        <translation>Top-&amp;k：</translation>
    </message>
    <message>
        <source>Sample only among the k most likely tokens (all: no limit).</source>
        <translation>只在最可能的 k 个词元中采样（全部：不限制）。</translation>
    </message>
    <message>
        <source>Top-&amp;p:</source>
        <translation>Top-&amp;p：</translation>
    </message>
    <message>
        <source>Sample only among the most likely tokens whose probabilities add up to p (nucleus sampling).</source>
        <translation>只在概率之和达到 p 的最可能词元中采样（核采样）。</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>长度(&amp;L)：</translation>
    </message>
    <message>
        <source>How many tokens to generate.</source>
        <translation>要生成多少个词元。</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message numerus="yes">
        <source>New model: %n parameter(s)</source>
        <translation>
            <numerusform>新模型：%n 个参数</numerusform>
        </translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Model Opened with Warnings</source>
        <translation>模型已打开，但有警告</translation>
    </message>
    <message>
        <source>Cannot Save Model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cannot Build the Model</source>
        <translation>无法构建模型</translation>
    </message>
    <message>
        <source>Training Stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>Training stopped at step %1</source>
        <translation>训练在第 %1 步停止</translation>
    </message>
    <message>
        <source>Discard the Trained Model?</source>
        <translation>放弃已训练的模型？</translation>
    </message>
    <message numerus="yes">
        <source>The current model has been trained for %n step(s) and is not saved. Build a new model anyway?</source>
        <translation>
            <numerusform>当前模型已训练 %n 步且尚未保存。仍要构建新模型吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>AttentionLab</source>
        <translation>AttentionLab</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;Text…</source>
        <translation>打开文本(&amp;T)…</translation>
    </message>
    <message>
        <source>Load a text, TSV or CSV file to train on</source>
        <translation>加载用于训练的文本、TSV 或 CSV 文件</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a saved AttentionLab model (.safetensors)</source>
        <translation>打开已保存的 AttentionLab 模型（.safetensors）</translation>
    </message>
    <message>
        <source>Save Model &amp;As…</source>
        <translation>模型另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>View as &amp;Image…</source>
        <translation>将视图导出为图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Attention &amp;Data…</source>
        <translation>注意力数据(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Larger Text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller Text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Normal Text Size</source>
        <translation>正常文字大小(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;About AttentionLab</source>
        <translation>关于 AttentionLab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>All Heads</source>
        <translation>所有注意力头</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>连线图</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Cannot Open File</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>%1: no such file.</source>
        <translation>%1：文件不存在。</translation>
    </message>
    <message>
        <source>Cannot Open Model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Stop training before opening a model.</source>
        <translation>请先停止训练，再打开模型。</translation>
    </message>
    <message>
        <source>Cannot Open Text</source>
        <translation>无法打开文本</translation>
    </message>
    <message>
        <source>Open Text</source>
        <translation>打开文本</translation>
    </message>
    <message>
        <source>Text files (*.txt *.tsv *.csv);;All files (*)</source>
        <translation>文本文件 (*.txt *.tsv *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>AttentionLab models (*.safetensors);;All files (*)</source>
        <translation>AttentionLab 模型 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Pause or stop training before saving.</source>
        <translation>请先暂停或停止训练，再保存。</translation>
    </message>
    <message>
        <source>Save Model As</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <source>AttentionLab models (*.safetensors)</source>
        <translation>AttentionLab 模型 (*.safetensors)</translation>
    </message>
    <message>
        <source>Save the Trained Model?</source>
        <translation>保存已训练的模型？</translation>
    </message>
    <message numerus="yes">
        <source>The model has been trained for %n step(s) and is not saved.</source>
        <translation>
            <numerusform>模型已训练 %n 步，尚未保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Open &amp;Sample Text</source>
        <translation>打开示例文本(&amp;S)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation>打开演示模型(&amp;D)</translation>
    </message>
    <message>
        <source>Cannot Open Sample</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <source>%1: cannot be copied to %2 (%3).</source>
        <translation>%1：无法复制到 %2（%3）。</translation>
    </message>
    <message>
        <source>Restore the Autosaved Model?</source>
        <translation>恢复自动保存的模型？</translation>
    </message>
    <message>
        <source>AttentionLab did not quit cleanly last time. The model it was training was autosaved. Open it?</source>
        <translation>AttentionLab 上次没有正常退出。当时正在训练的模型已自动保存。要打开它吗？</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;High Contrast (for projectors)</source>
        <translation>高对比度（适合投影）(&amp;H)</translation>
    </message>
    <message>
        <source>Save the current view as a PNG, SVG or PDF file</source>
        <translation>将当前视图保存为 PNG、SVG 或 PDF 文件</translation>
    </message>
    <message>
        <source>Save the attention matrix shown in the heatmap as a CSV or JSON file</source>
        <translation>将热力图中显示的注意力矩阵保存为 CSV 或 JSON 文件</translation>
    </message>
    <message>
        <source>&amp;Loss History…</source>
        <translation>损失历史(&amp;L)…</translation>
    </message>
    <message>
        <source>Save the logged training steps as a CSV or JSON file</source>
        <translation>将记录的训练步骤保存为 CSV 或 JSON 文件</translation>
    </message>
    <message>
        <source>Inference</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Cannot save %1: no view is shown</source>
        <translation>无法保存 %1：没有显示任何视图</translation>
    </message>
    <message>
        <source>Cannot save %1: expected a .csv or .json file name</source>
        <translation>无法保存 %1：文件名应以 .csv 或 .json 结尾</translation>
    </message>
    <message>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Export Attention Data</source>
        <translation>导出注意力数据</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export Loss History</source>
        <translation>导出损失历史</translation>
    </message>
    <message>
        <source>%1 (%2: attentionlab-cli only)</source>
        <translation>%1（%2：仅限 attentionlab-cli）</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>分步讲解</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>The model width (%1) must be divisible by the number of heads (%2): each head gets an equal slice.</source>
        <translation>模型宽度（%1）必须能被注意力头数（%2）整除：每个头分到相等的一份。</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>How many Transformer blocks (attention + feed-forward) are stacked.</source>
        <translation>堆叠多少个 Transformer 块（注意力 + 前馈网络）。</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>Attention heads per layer: each looks at the sequence with its own queries and keys.</source>
        <translation>每层的注意力头数：每个头用自己的查询和键来观察序列。</translation>
    </message>
    <message>
        <source>Width (d_model)</source>
        <translation>模型宽度（d_model）</translation>
    </message>
    <message>
        <source>Size of each token&apos;s vector; split evenly between the heads.</source>
        <translation>每个词元向量的维度，在各注意力头之间均分。</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>The longest sequence the model reads at once, in tokens.</source>
        <translation>模型一次能读取的最长序列，以词元计。</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>丢弃率（dropout）</translation>
    </message>
    <message>
        <source>Fraction of activations zeroed at random while training, to reduce overfitting.</source>
        <translation>训练时随机置零的激活值比例，用于减轻过拟合。</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>层归一化</translation>
    </message>
    <message>
        <source>Pre-LN normalises before each sublayer (GPT-2); post-LN after the residual sum (original Transformer).</source>
        <translation>Pre-LN 在每个子层之前做归一化（GPT-2）；Post-LN 在残差相加之后做归一化（原始 Transformer）。</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>How token order is encoded: learned vectors (GPT-2) or fixed sinusoids (Vaswani et al.).</source>
        <translation>词元顺序的编码方式：可学习的向量（GPT-2）或固定的正弦函数（Vaswani 等人）。</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>注意力分数</translation>
    </message>
    <message>
        <source>Divide q·k by √d_k (standard) or not, to see why the scaling keeps softmax from saturating.</source>
        <translation>选择是否将 q·k 除以 √d_k（标准做法），从而看清缩放为何能防止 softmax 饱和。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size of the optimizer (AdamW); changes apply at the next step, even while training.</source>
        <translation>优化器（AdamW）的步长；修改会在下一步生效，训练进行中也是如此。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Keep the learning rate constant, or warm it up and then decay it along a cosine.</source>
        <translation>保持学习率不变，或先预热、再按余弦曲线衰减。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Sequences per training step.</source>
        <translation>每个训练步使用的序列数。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Optimizer updates in a full run.</source>
        <translation>一次完整训练中优化器更新的次数。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Same seed, same data and threads: the same initial weights and the same losses.</source>
        <translation>随机种子、数据和线程数都相同时，初始权重和损失也完全相同。</translation>
    </message>
    <message>
        <source>Pre-LN (GPT-2)</source>
        <translation>Pre-LN（GPT-2）</translation>
    </message>
    <message>
        <source>Post-LN (original)</source>
        <translation>Post-LN（原始）</translation>
    </message>
    <message>
        <source>Learned</source>
        <translation>可学习</translation>
    </message>
    <message>
        <source>Sinusoidal</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>Scaled: q·k / √d_k</source>
        <translation>缩放：q·k / √d_k</translation>
    </message>
    <message>
        <source>Unscaled: q·k</source>
        <translation>不缩放：q·k</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Warmup + cosine</source>
        <translation>预热 + 余弦</translation>
    </message>
    <message>
        <source>Build New Model</source>
        <translation>构建新模型</translation>
    </message>
    <message>
        <source>Create a freshly initialised model with these settings.</source>
        <translation>按这些设置创建一个全新初始化的模型。</translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation>参数量：%1</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Start or pause training (Ctrl+Enter)</source>
        <translation>开始或暂停训练（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Make one optimizer update, then pause (Ctrl+.)</source>
        <translation>执行一次优化器更新，然后暂停（Ctrl+.）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop training after the current step; the weights are kept</source>
        <translation>在当前步完成后停止训练，权重会保留。</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start over with freshly initialised weights</source>
        <translation>用全新初始化的权重从头开始。</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Loss: %1</source>
        <translation>损失：%1</translation>
    </message>
    <message>
        <source>Validation loss: %1</source>
        <translation>验证损失：%1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>剩余约 %1</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>There is no model to save.</source>
        <translation>没有可保存的模型。</translation>
    </message>
</context>
<context>
    <name>attn::AllHeadsGrid</name>
    <message>
        <source>masked</source>
        <translation>已掩码</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>%1, head %2: click to open</source>
        <translation>%1，注意力头 %2：点击打开</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>No attention to show yet: train or load a model</source>
        <translation>暂无可显示的注意力：请训练或加载一个模型</translation>
    </message>
</context>
<context>
    <name>attn::AttentionLinesView</name>
    <message>
        <source>H%1</source>
        <translation>头%1</translation>
    </message>
    <message>
        <source>No attention to show yet: train or load a model</source>
        <translation>暂无可显示的注意力：请训练或加载一个模型</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>attn::AttentionSelector</name>
    <message>
        <source>causal self-attention</source>
        <translation>因果自注意力</translation>
    </message>
    <message>
        <source>self-attention</source>
        <translation>自注意力</translation>
    </message>
    <message>
        <source>cross-attention</source>
        <translation>交叉注意力</translation>
    </message>
    <message>
        <source>attention pooling</source>
        <translation>注意力池化</translation>
    </message>
    <message>
        <source>Mean of heads</source>
        <translation>各注意力头的平均</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>&amp;Block:</source>
        <translation>块(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>注意力头(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>配色(&amp;C)：</translation>
    </message>
    <message>
        <source>Show &amp;values</source>
        <translation>显示数值(&amp;V)</translation>
    </message>
    <message>
        <source>Write the weight in each cell of matrices up to %1×%1</source>
        <translation>在不超过 %1×%1 的矩阵中，把权重写在每个单元格里。</translation>
    </message>
    <message>
        <source>Scale to data</source>
        <translation>按数据范围</translation>
    </message>
    <message>
        <source>Scale 0–1</source>
        <translation>刻度 0–1</translation>
    </message>
    <message>
        <source>0–1 compares heads and steps; scaled to data shows small differences</source>
        <translation>0–1 固定刻度便于比较不同注意力头和训练步；按数据范围显示则能看出细微差异。</translation>
    </message>
</context>
<context>
    <name>attn::ColorMaps</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Cividis (colour-blind safe)</source>
        <translation>Cividis（色盲友好）</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Blues (print)</source>
        <translation>Blues（适合打印）</translation>
    </message>
</context>
<context>
    <name>attn::HeatmapView</name>
    <message>
        <source>Query %1 “%2” → key %3 “%4”: masked (score set to −∞, weight 0)</source>
        <translation>查询 %1“%2”→ 键 %3“%4”：已掩码（分数设为 −∞，权重为 0）</translation>
    </message>
    <message>
        <source>Query %1 “%2” → key %3 “%4”: weight %5</source>
        <translation>查询 %1“%2”→ 键 %3“%4”：权重 %5</translation>
    </message>
    <message>
        <source>Key (attended to)</source>
        <translation>键（被关注）</translation>
    </message>
    <message>
        <source>Query (attending)</source>
        <translation>查询（发出关注）</translation>
    </message>
    <message>
        <source>Attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>No attention to show yet: train or load a model</source>
        <translation>暂无可显示的注意力：请训练或加载一个模型</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>its only head</source>
        <translation>唯一的注意力头</translation>
    </message>
    <message>
        <source>mean of %1 heads</source>
        <translation>%1 个注意力头的平均</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>  (hatched: masked)</source>
        <translation>  （阴影线：已掩码）</translation>
    </message>
</context>
<context>
    <name>attn::LossHistory</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>the loss history is not valid JSON (%1)</source>
        <translation>损失历史不是有效的 JSON（%1）</translation>
    </message>
    <message>
        <source>the loss history is not a JSON object</source>
        <translation>损失历史不是 JSON 对象</translation>
    </message>
    <message>
        <source>the loss history has no &quot;step&quot; and &quot;loss&quot; arrays</source>
        <translation>损失历史缺少 &quot;step&quot; 和 &quot;loss&quot; 数组</translation>
    </message>
    <message>
        <source>the loss history has more than %1 points</source>
        <translation>损失历史超过 %1 个点</translation>
    </message>
    <message>
        <source>the loss history&apos;s step %1 is not a number</source>
        <translation>损失历史的第 %1 个 step 不是数字</translation>
    </message>
    <message>
        <source>the loss history&apos;s &quot;%1&quot; is not an array of %2 values</source>
        <translation>损失历史的 &quot;%1&quot; 不是包含 %2 个值的数组</translation>
    </message>
    <message>
        <source>the loss history&apos;s &quot;%1&quot; holds a value that is not a number</source>
        <translation>损失历史的 &quot;%1&quot; 含有非数字的值</translation>
    </message>
    <message>
        <source>Cannot save %1: no training steps are logged yet</source>
        <translation>无法保存 %1：尚未记录任何训练步骤</translation>
    </message>
</context>
<context>
    <name>attn::LossPlotView</name>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Training loss (smoothed)</source>
        <translation>训练损失（平滑）</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
</context>
<context>
    <name>attn::PoolingView</name>
    <message>
        <source>Token %1 “%2”: pooling weight %3</source>
        <translation>词元 %1“%2”：池化权重 %3</translation>
    </message>
    <message>
        <source>This model has no attention pooling to show.</source>
        <translation>该模型没有可显示的注意力池化。</translation>
    </message>
    <message>
        <source>Classify a text to see which tokens the model attends to.</source>
        <translation>对一段文本进行分类，即可看到模型关注哪些词元。</translation>
    </message>
    <message>
        <source>Attention pooling over the tokens</source>
        <translation>词元上的注意力池化</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Predicted: %1 (%2%)</source>
        <translation>预测：%1（%2%）</translation>
    </message>
</context>
<context>
    <name>attn::SandboxView</name>
    <message>
        <source>%1 row %2, column %3: “%4” is not a number</source>
        <translation>%1 第 %2 行第 %3 列：“%4”不是数字</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Identical keys → uniform weights</source>
        <translation>相同的键 → 均匀权重</translation>
    </message>
    <message>
        <source>One-hot keys → hard attention</source>
        <translation>独热键 → 硬注意力</translation>
    </message>
    <message>
        <source>Large values, scaled by √d_k</source>
        <translation>大数值，除以 √d_k</translation>
    </message>
    <message>
        <source>Large values, not scaled → saturation</source>
        <translation>大数值，不缩放 → 饱和</translation>
    </message>
    <message>
        <source>Causal mask</source>
        <translation>因果掩码</translation>
    </message>
    <message>
        <source>Queries, keys, d_k, d_v</source>
        <translation>查询数、键数、d_k、d_v</translation>
    </message>
    <message>
        <source>Number of queries</source>
        <translation>查询的个数</translation>
    </message>
    <message>
        <source>Number of keys</source>
        <translation>键的个数</translation>
    </message>
    <message>
        <source>d_k: length of the queries and keys</source>
        <translation>d_k：查询和键的长度</translation>
    </message>
    <message>
        <source>d_v: length of the values</source>
        <translation>d_v：值的长度</translation>
    </message>
    <message>
        <source>Q (one row per query)</source>
        <translation>Q（每个查询一行）</translation>
    </message>
    <message>
        <source>K (one row per key)</source>
        <translation>K（每个键一行）</translation>
    </message>
    <message>
        <source>V (one row per key)</source>
        <translation>V（每个键一行）</translation>
    </message>
    <message>
        <source>Divide by √d_k</source>
        <translation>除以 √d_k</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Scores are divided by the temperature: below 1 sharpens the softmax, above 1 flattens it</source>
        <translation>分数除以温度：小于 1 使 softmax 更尖锐，大于 1 使其更平坦</translation>
    </message>
</context>
<context>
    <name>attn::ViewExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot save %1: the view has no size</source>
        <translation>无法保存 %1：视图尺寸为零</translation>
    </message>
    <message>
        <source>Cannot render %1 as PNG</source>
        <translation>无法将 %1 渲染为 PNG</translation>
    </message>
    <message>
        <source>Exported from AttentionLab</source>
        <translation>由 AttentionLab 导出</translation>
    </message>
    <message>
        <source>Cannot render %1 as SVG</source>
        <translation>无法将 %1 渲染为 SVG</translation>
    </message>
    <message>
        <source>Cannot render %1 as PDF</source>
        <translation>无法将 %1 渲染为 PDF</translation>
    </message>
    <message>
        <source>Cannot save %1: expected a .png, .svg or .pdf file name</source>
        <translation>无法保存 %1：文件名应以 .png、.svg 或 .pdf 结尾</translation>
    </message>
    <message>
        <source>Cannot save %1: no attention matrix is shown</source>
        <translation>无法保存 %1：当前没有显示注意力矩阵</translation>
    </message>
</context>
<context>
    <name>attn::WalkthroughBuilder</name>
    <message>
        <source>Decoder state and encoder states</source>
        <translation>解码器状态与编码器状态</translation>
    </message>
    <message>
        <source>Tokens → embeddings → X</source>
        <translation>词元 → 嵌入 → X</translation>
    </message>
    <message>
        <source>Projections W·s and U·h</source>
        <translation>投影 W·s 与 U·h</translation>
    </message>
    <message>
        <source>Q = X·W_Q, K = X·W_K, V = X·W_V</source>
        <translation>Q = X·W_Q，K = X·W_K，V = X·W_V</translation>
    </message>
    <message>
        <source>Scores e_ij = vᵀ·tanh(W·s + U·h_j)</source>
        <translation>分数 e_ij = vᵀ·tanh(W·s + U·h_j)</translation>
    </message>
    <message>
        <source>Scores s_ij = q_i · k_j</source>
        <translation>分数 s_ij = q_i · k_j</translation>
    </message>
    <message>
        <source>Scaling by √d_k</source>
        <translation>除以 √d_k 缩放</translation>
    </message>
    <message>
        <source>The mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Context c_i = Σ_j a_ij·h_j</source>
        <translation>上下文 c_i = Σ_j a_ij·h_j</translation>
    </message>
    <message>
        <source>Weighted sum z_i = Σ_j a_ij·v_j</source>
        <translation>加权和 z_i = Σ_j a_ij·v_j</translation>
    </message>
    <message>
        <source>Multi-head: concatenate, W_O, residual</source>
        <translation>多头：拼接、W_O、残差</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步（共 %2 步）：%3</translation>
    </message>
    <message>
        <source>Decoding step %1 (output token “%2”). The decoder&apos;s previous state s_{i−1} asks the question; the encoder&apos;s states h_j, one per source token, are both the keys and the values.</source>
        <translation>解码第 %1 步（输出词元“%2”）。解码器的上一个状态 s_{i−1} 提出问题；编码器的状态 h_j（每个源词元一个）既是键也是值。</translation>
    </message>
    <message>
        <source>Decoder state s_{i−1}</source>
        <translation>解码器状态 s_{i−1}</translation>
    </message>
    <message>
        <source>Encoder states h_j (one row per source token)</source>
        <translation>编码器状态 h_j（每个源词元一行）</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>The input, query %1 (“%2”) highlighted</source>
        <translation>输入，查询 %1（“%2”）高亮</translation>
    </message>
    <message>
        <source>row %1, C = %2</source>
        <translation>第 %1 行，C = %2</translation>
    </message>
    <message>
        <source>token embedding</source>
        <translation>词元嵌入</translation>
    </message>
    <message>
        <source>+ position embedding</source>
        <translation>+ 位置嵌入</translation>
    </message>
    <message>
        <source>= sum</source>
        <translation>= 和</translation>
    </message>
    <message>
        <source>residual stream into layer %1</source>
        <translation>进入第 %1 层的残差流</translation>
    </message>
    <message>
        <source>X after LayerNorm</source>
        <translation>LayerNorm 之后的 X</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>From token to the layer&apos;s input</source>
        <translation>从词元到该层的输入</translation>
    </message>
    <message>
        <source>Each token&apos;s vector is its token embedding plus its position embedding; the blocks before this layer add their outputs to it, and LayerNorm rescales it to X, the attention&apos;s input.</source>
        <translation>每个词元的向量是它的词元嵌入加上位置嵌入；此层之前的各块把输出加到它上面，LayerNorm 再把它缩放为注意力的输入 X。</translation>
    </message>
    <message>
        <source>Each token&apos;s vector is its token embedding plus its position embedding; this is X, the attention&apos;s input.</source>
        <translation>每个词元的向量是它的词元嵌入加上位置嵌入；这就是注意力的输入 X。</translation>
    </message>
    <message>
        <source>W·s_{i−1}: the decoder state projected (A = %1)</source>
        <translation>W·s_{i−1}：投影后的解码器状态（A = %1）</translation>
    </message>
    <message>
        <source>U·h_j: every encoder state projected</source>
        <translation>U·h_j：投影后的每个编码器状态</translation>
    </message>
    <message>
        <source>Both are projected into the same attention space of A numbers, so that they can be added.</source>
        <translation>两者都被投影到同一个 A 维的注意力空间，因此可以相加。</translation>
    </message>
    <message>
        <source>This head&apos;s slices of the projection weights turn every row of X into a query, a key and a value of d_k = %1 numbers each.</source>
        <translation>该头的投影权重切片把 X 的每一行变成查询、键和值，每个都有 d_k = %1 个数。</translation>
    </message>
    <message>
        <source>W_Q of head %1 (%2 × %3)</source>
        <translation>头 %1 的 W_Q（%2 × %3）</translation>
    </message>
    <message>
        <source>Query row %1 and key/value row %2</source>
        <translation>查询第 %1 行与键/值第 %2 行</translation>
    </message>
    <message>
        <source>x_i·W_Q</source>
        <translation>x_i·W_Q</translation>
    </message>
    <message>
        <source>+ bias</source>
        <translation>+ 偏置</translation>
    </message>
    <message>
        <source>= q_i</source>
        <translation>= q_i</translation>
    </message>
    <message>
        <source>x_j·W_K</source>
        <translation>x_j·W_K</translation>
    </message>
    <message>
        <source>= k_j</source>
        <translation>= k_j</translation>
    </message>
    <message>
        <source>x_j·W_V</source>
        <translation>x_j·W_V</translation>
    </message>
    <message>
        <source>= v_j</source>
        <translation>= v_j</translation>
    </message>
    <message>
        <source>Q (row %1 highlighted)</source>
        <translation>Q（第 %1 行高亮）</translation>
    </message>
    <message>
        <source>K (row %1 highlighted)</source>
        <translation>K（第 %1 行高亮）</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>e_ij for query %1 (“%2”) and key %3 (“%4”), term by term over A = %5</source>
        <translation>查询 %1（“%2”）与键 %3（“%4”）的 e_ij，逐项展开，共 A = %5 项</translation>
    </message>
    <message>
        <source>q_i · k_j for query %1 (“%2”) and key %3 (“%4”), term by term over d_k = %5</source>
        <translation>查询 %1（“%2”）与键 %3（“%4”）的 q_i · k_j，逐项展开，共 d_k = %5 项</translation>
    </message>
    <message>
        <source>The sum of the %1 terms</source>
        <translation>%1 项之和</translation>
    </message>
    <message>
        <source>Σ terms</source>
        <translation>Σ 各项</translation>
    </message>
    <message>
        <source>score in the trace</source>
        <translation>追踪中的分数</translation>
    </message>
    <message>
        <source>Query %1&apos;s score for every key</source>
        <translation>查询 %1 对每个键的分数</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>temperature τ</source>
        <translation>温度 τ</translation>
    </message>
    <message>
        <source>A dot product of d_k numbers grows like √d_k: with d_k = %1 the scores are divided by %2, so that the softmax does not saturate (one weight near 1, the rest near 0, and gradients near 0).</source>
        <translation>d_k 个数的点积大约按 √d_k 增长：d_k = %1 时分数除以 %2，使 softmax 不会饱和（一个权重接近 1，其余接近 0，梯度也接近 0）。</translation>
    </message>
    <message>
        <source>This model does not scale its scores (scale = 1): compare the softmax with and without the division by √d_k.</source>
        <translation>该模型不缩放分数（缩放 = 1）：比较除以 √d_k 与不除以时的 softmax。</translation>
    </message>
    <message>
        <source>softmax (as the model)</source>
        <translation>softmax（模型实际）</translation>
    </message>
    <message>
        <source>softmax without 1/√d_k</source>
        <translation>不乘 1/√d_k 的 softmax</translation>
    </message>
    <message>
        <source>Query %1</source>
        <translation>查询 %1</translation>
    </message>
    <message>
        <source>Softmax without the scale</source>
        <translation>不缩放的 softmax</translation>
    </message>
    <message>
        <source>Softmax with the scale</source>
        <translation>缩放后的 softmax</translation>
    </message>
    <message>
        <source>No key is masked for query %1: it may attend to all %2 keys.</source>
        <translation>查询 %1 没有被掩码的键：它可以关注全部 %2 个键。</translation>
    </message>
    <message>
        <source>Causal mask: query %1 may only look at keys 0 to %1, because the model predicts the next token and must not see the future. %2 later key(s) are set to −∞, so that exp(−∞) = 0 gives them weight 0.</source>
        <translation>因果掩码：查询 %1 只能看键 0 到 %1，因为模型预测下一个词元，不能看到未来。后面的 %2 个键被设为 −∞，exp(−∞) = 0 使它们的权重为 0。</translation>
    </message>
    <message>
        <source>Padding mask: %1 key(s) are padding, not real tokens, and are set to −∞, so that exp(−∞) = 0 gives them weight 0.</source>
        <translation>填充掩码：%1 个键是填充而不是真实词元，被设为 −∞，exp(−∞) = 0 使它们的权重为 0。</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>掩码后</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>scaled score</source>
        <translation>缩放后的分数</translation>
    </message>
    <message>
        <source>Subtract the row&apos;s maximum first: it cancels in the division and changes nothing, but keeps every exponent ≤ 0, so exp() cannot overflow for large scores. Then exponentiate, add up, divide.</source>
        <translation>先减去该行的最大值：它在除法中相互抵消，结果不变，但使每个指数 ≤ 0，因此分数很大时 exp() 也不会溢出。然后取指数、求和、相除。</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Σ exp</source>
        <translation>Σ exp</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Query %1, column by column</source>
        <translation>查询 %1，逐列计算</translation>
    </message>
    <message>
        <source>− max</source>
        <translation>− 最大值</translation>
    </message>
    <message>
        <source>exp</source>
        <translation>exp</translation>
    </message>
    <message>
        <source>÷ Σ = a_ij</source>
        <translation>÷ Σ = a_ij</translation>
    </message>
    <message>
        <source>Attention weights of query %1 (“%2”)</source>
        <translation>查询 %1（“%2”）的注意力权重</translation>
    </message>
    <message>
        <source>The context vector mixes the encoder states, each scaled by its weight.</source>
        <translation>上下文向量是编码器状态的混合，每个状态乘以它的权重。</translation>
    </message>
    <message>
        <source>The output mixes the value vectors, each scaled by its weight: keys with weight near 0 contribute nothing.</source>
        <translation>输出是值向量的混合，每个值向量乘以它的权重：权重接近 0 的键几乎没有贡献。</translation>
    </message>
    <message>
        <source>Σ = c_i</source>
        <translation>Σ = c_i</translation>
    </message>
    <message>
        <source>Σ = z_i</source>
        <translation>Σ = z_i</translation>
    </message>
    <message>
        <source>in the trace</source>
        <translation>追踪中的值</translation>
    </message>
    <message>
        <source>a_ij · h_j for query %1 (“%2”)</source>
        <translation>查询 %1（“%2”）的 a_ij · h_j</translation>
    </message>
    <message>
        <source>a_ij · v_j for query %1 (“%2”)</source>
        <translation>查询 %1（“%2”）的 a_ij · v_j</translation>
    </message>
    <message>
        <source>All %1 heads run the same steps in parallel. Their outputs z_i are placed side by side (%1 × %2 = %3 numbers), projected by W_O, and added to the residual stream.</source>
        <translation>全部 %1 个头并行执行相同的步骤。它们的输出 z_i 并排拼接（%1 × %2 = %3 个数），经 W_O 投影后加到残差流上。</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>concat</source>
        <translation>拼接</translation>
    </message>
    <message>
        <source>Query %1: the heads&apos; outputs side by side (this head highlighted)</source>
        <translation>查询 %1：各头输出并排拼接（当前头高亮）</translation>
    </message>
    <message>
        <source>concat·W_O</source>
        <translation>拼接·W_O</translation>
    </message>
    <message>
        <source>= attention output</source>
        <translation>= 注意力输出</translation>
    </message>
    <message>
        <source>+ residual in</source>
        <translation>+ 输入残差</translation>
    </message>
    <message>
        <source>= residual out</source>
        <translation>= 输出残差</translation>
    </message>
    <message>
        <source>Output projection and residual</source>
        <translation>输出投影与残差</translation>
    </message>
</context>
<context>
    <name>attn::WalkthroughExport</name>
    <message>
        <source>Attention, step by step</source>
        <translation>注意力，一步一步</translation>
    </message>
    <message>
        <source>Could not start a PDF for %1</source>
        <translation>无法为 %1 创建 PDF</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>attn::WalkthroughView</name>
    <message>
        <source>No attention trace yet: load or train a model and pick an input.</source>
        <translation>还没有注意力追踪：请加载或训练模型并选择输入。</translation>
    </message>
    <message>
        <source>The walkthrough cannot show this block: %1</source>
        <translation>分步讲解无法显示此块：%1</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Previous step (Left)</source>
        <translation>上一步（左方向键）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play the steps (Space)</source>
        <translation>依次播放各步（空格键）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next step (Right)</source>
        <translation>下一步（右方向键）</translation>
    </message>
    <message>
        <source>Jump to a step</source>
        <translation>跳到某一步</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>块</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Query i</source>
        <translation>查询 i</translation>
    </message>
    <message>
        <source>Key j</source>
        <translation>键 j</translation>
    </message>
    <message>
        <source>The key whose score is expanded term by term</source>
        <translation>逐项展开其分数的键</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>小数位</translation>
    </message>
    <message>
        <source>Softmax without √d_k</source>
        <translation>不除以 √d_k 的 softmax</translation>
    </message>
    <message>
        <source>Export slides…</source>
        <translation>导出幻灯片…</translation>
    </message>
    <message>
        <source>Save the steps as a PDF (one page per step) or as PNG images</source>
        <translation>把各步保存为 PDF（每步一页）或 PNG 图片</translation>
    </message>
    <message>
        <source>There is no step %1</source>
        <translation>没有第 %1 步</translation>
    </message>
    <message>
        <source>Export walkthrough slides</source>
        <translation>导出分步讲解幻灯片</translation>
    </message>
    <message>
        <source>PDF, one page per step (*.pdf);;PNG images, one per step (*.png)</source>
        <translation>PDF，每步一页 (*.pdf);;PNG 图片，每步一张 (*.png)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>AttentionLab: train small attention models and watch them learn.</source>
        <translation>AttentionLab：训练小型注意力模型，观察它们如何学习。</translation>
    </message>
    <message>
        <source>Text or model files to open.</source>
        <translation>要打开的文本或模型文件。</translation>
    </message>
</context>
</TS>
