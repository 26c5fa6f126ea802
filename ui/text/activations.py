"""Activations page (CS231n Lecture 5, "Activation functions")."""

TEXT = {
    "activations.nav": ("Activations", "활성화 함수"),
    "activations.oneline": ("Why sigmoid and tanh saturate, why ReLU dies, and what Leaky ReLU, ELU and Maxout change.",
                            "시그모이드와 tanh가 포화되는 이유, ReLU가 죽는 이유, Leaky ReLU·ELU·Maxout이 바꾸는 것."),
    "activations.title": ("Activation functions", "활성화 함수"),
    "activations.intro": (
        "Lecture 5 compares the nonlinearities a network can use. Its claims: sigmoid and tanh saturate and kill "
        "gradients, sigmoid's outputs are not zero-centered, exp() costs time, ReLU does not saturate for z > 0 "
        "but can die, and Leaky ReLU, ELU and Maxout repair parts of that. Pick a part below; each runs its own "
        "experiment.",
        "강의 5는 신경망이 쓸 수 있는 비선형 함수들을 비교합니다. 주장은 이렇습니다: 시그모이드와 tanh는 포화되어 "
        "그래디언트를 죽이고, 시그모이드의 출력은 0 중심이 아니며, exp()는 계산 시간이 들고, ReLU는 z > 0에서 "
        "포화되지 않지만 죽을 수 있고, Leaky ReLU·ELU·Maxout이 그 일부를 고칩니다. 아래에서 부분을 고르면 "
        "각자의 실험이 돌아갑니다."),
    "activations.f.activations": ("Activations to compare", "비교할 활성화 함수"),
    "activations.f.span": ("Range of z shown (±)", "보여 줄 z 범위 (±)"),
    "activations.f.mu": ("Mean μ of the pre-activations", "사전 활성값의 평균 μ"),
    "activations.f.sigma": ("Std σ of the pre-activations", "사전 활성값의 표준편차 σ"),
    "activations.f.layers": ("Layers L to pass back through", "역전파로 지나갈 층 수 L"),
    "activations.f.target_w1": ("Target weight w1*", "목표 가중치 w1*"),
    "activations.f.target_w2": ("Target weight w2*", "목표 가중치 w2*"),
    "activations.f.max_steps": ("Step budget", "최대 단계 수"),
    "activations.f.elements": ("Tensor elements", "텐서 원소 수"),
    "activations.f.repeats": ("Repeats (median taken)", "반복 횟수 (중앙값 사용)"),
    "activations.f.trial": ("Trial (change to measure again)", "시도 번호 (바꾸면 다시 측정)"),
    "activations.f.max_k": ("Largest k", "가장 큰 k"),
    # 1. shapes
    "activations.shapes.name": ("1 · Shapes", "1 · 모양"),
    "activations.shapes.claim": (
        "Each function f(z) and its slope f'(z). Where the slope is below 0.01 in size (dashed), a unit is "
        "saturated: almost no gradient flows back through it. Maxout here is the max of k tangent lines of z²/4.",
        "각 함수 f(z)와 그 기울기 f'(z)입니다. 기울기의 크기가 0.01보다 작은 곳(점선)에서 유닛은 포화되어 "
        "그래디언트가 거의 거꾸로 흐르지 않습니다. 여기서 Maxout은 z²/4의 접선 k개의 최댓값입니다."),
    "activations.shapes.f": ("f(z)", "f(z)"),
    "activations.shapes.df": ("f'(z) (dashed: saturated, |f'| < 0.01)", "f'(z) (점선: 포화, |f'| < 0.01)"),
    "activations.shapes.notice": (
        "On z in [-{span}, {span}], {most} is saturated on {frac} of the range, the most of the functions shown. "
        "ReLU's slope is exactly 0 for every z < 0: a saturated half-line of its own.",
        "z가 [-{span}, {span}]일 때 {most}[은] 범위의 {frac}에서 포화되어, 보여 준 함수 중 가장 많습니다. "
        "ReLU의 기울기는 z < 0에서 정확히 0입니다. 그것만의 포화된 반직선입니다."),
    # 2. saturation
    "activations.saturation.name": ("2 · Saturation kills gradients", "2 · 포화는 그래디언트를 죽입니다"),
    "activations.saturation.claim": (
        "Draw pre-activations z from N(μ, σ²) and count the units whose slope is below 0.01. Then send a gradient "
        "of 1 back through L such layers: at each layer it is multiplied by f'(z) (the weights are left out to "
        "isolate the activation's share).",
        "사전 활성값 z를 N(μ, σ²)에서 뽑고 기울기가 0.01보다 작은 유닛을 셉니다. 그다음 크기 1의 그래디언트를 "
        "그런 층 L개를 거쳐 거꾸로 보냅니다. 층마다 f'(z)가 곱해집니다 (활성화 함수의 몫만 보려고 가중치는 뺐습니다)."),
    "activations.saturation.bar": ("Fraction of units saturated (|f'(z)| < 0.01)", "포화된 유닛의 비율 (|f'(z)| < 0.01)"),
    "activations.saturation.chain": ("Mean gradient left after l layers (log scale)", "l개 층 뒤에 남은 평균 그래디언트 (로그 축)"),
    "activations.saturation.notice": (
        "After {L} layers a gradient of 1 has shrunk to {sig} through sigmoid (whose slope is at most 0.25), "
        "{tanh} through tanh and {relu} through ReLU.",
        "층 {L}개를 지나면 크기 1의 그래디언트가 시그모이드(기울기가 최대 0.25)에서는 {sig}, tanh에서는 {tanh}, "
        "ReLU에서는 {relu}[로] 줄어듭니다."),
    # 3. zigzag
    "activations.zigzag.name": ("3 · Not zero-centered", "3 · 0 중심이 아닙니다"),
    "activations.zigzag.claim": (
        "One unit with two weights learns w* in quadrant 4 (w1 > 0 > w2), one example per step. If its inputs are "
        "all positive, as after a sigmoid, the gradient on w is (upstream gradient) × x: both components share a "
        "sign, so every step points into quadrant 1 or 3 and the path zig-zags. Zero-centered inputs (like tanh "
        "outputs, tanh(z) = 2σ(2z) − 1) let it head straight there.",
        "가중치가 두 개인 유닛 하나가 한 번에 예제 하나씩 보며 4사분면의 w*(w1 > 0 > w2)를 배웁니다. 입력이 "
        "시그모이드 뒤처럼 모두 양수이면 w의 그래디언트는 (위에서 온 그래디언트) × x라서 두 성분의 부호가 같고, "
        "매 단계가 1사분면이나 3사분면 방향을 가리켜 경로가 지그재그가 됩니다. tanh 출력처럼 0 중심인 입력"
        "(tanh(z) = 2σ(2z) − 1)이면 곧장 갑니다."),
    "activations.zigzag.chart": ("Path of (w1, w2) from (0, 0) to w*", "(0, 0)에서 w*까지 (w1, w2)의 경로"),
    "activations.zigzag.notice": (
        "With positive inputs the unit needed {pos} steps and {same} of its updates had both components of one "
        "sign; with zero-centered inputs it needed {cen} steps ({same_c} same-sign updates, about the half that "
        "chance gives).",
        "양수 입력에서는 {pos}단계가 걸렸고 갱신의 {same}[이] 두 성분의 부호가 같았습니다. 0 중심 입력에서는 "
        "{cen}단계가 걸렸습니다 (같은 부호 갱신 {same_c}, 우연에 해당하는 절반 정도)."),
    # 4. cost
    "activations.cost.name": ("4 · exp() is expensive", "4 · exp()는 비쌉니다"),
    "activations.cost.claim": (
        "Forward and backward pass of each function over one large tensor, timed on this server right now "
        "(median of the repeats, after one warm-up), relative to ReLU.",
        "큰 텐서 하나에 대해 각 함수의 순전파와 역전파를 지금 이 서버에서 잰 시간입니다 (한 번 예열한 뒤 반복의 "
        "중앙값), ReLU 대비 배수입니다."),
    "activations.cost.chart": ("Time relative to ReLU (forward + backward)", "ReLU 대비 시간 (순전파 + 역전파)"),
    "activations.cost.notice": (
        "On {n} elements the slowest was {slowest}, {ratio}× ReLU. Timings vary between runs and machines; change "
        "the trial number to measure again.",
        "원소 {n}개에서 가장 느린 것은 {slowest}[로] ReLU의 {ratio}배였습니다. 측정값은 실행과 기계마다 달라집니다. "
        "시도 번호를 바꾸면 다시 잽니다."),
    # 5. dead ReLUs
    "activations.dead.name": ("5 · Dead ReLUs", "5 · 죽은 ReLU"),
    "activations.dead.claim": (
        "The same network, initial weights and data, trained with a high learning rate. A unit is counted off "
        "when its pre-activation is ≤ 0 on every training point. A ReLU unit that is off gets exactly zero "
        "gradient and can never come back; a Leaky ReLU or ELU unit that is off still gets a gradient.",
        "같은 신경망, 같은 초기 가중치, 같은 데이터를 높은 학습률로 학습합니다. 모든 학습 점에서 사전 활성값이 "
        "0 이하인 유닛을 꺼진 것으로 셉니다. 꺼진 ReLU 유닛은 그래디언트가 정확히 0이라 다시 살아날 수 없지만, "
        "꺼진 Leaky ReLU나 ELU 유닛은 여전히 그래디언트를 받습니다."),
    "activations.dead.chart": ("Fraction of units off on all data (mean over layers)", "모든 데이터에서 꺼진 유닛 비율 (층 평균)"),
    "activations.dead.acc": ("Training accuracy", "학습 정확도"),
    "activations.dead.notice": (
        "At learning rate {lr}, units off at the end: {rates}. Training accuracy: {accs}. Lower the learning "
        "rate and the ReLUs survive.",
        "학습률 {lr}에서 끝에 꺼진 유닛: {rates}. 학습 정확도: {accs}. 학습률을 낮추면 ReLU가 살아남습니다."),
    "activations.preset.high": ("Adam at 0.5: ReLUs die", "Adam 0.5: ReLU가 죽음"),
    "activations.preset.low": ("Adam at 0.01: all survive", "Adam 0.01: 모두 살아남음"),
    "activations.preset.sgd": ("SGD at 1.0", "SGD 1.0"),
    "activations.q.dies": ("With these settings, which activation ends with the largest fraction of units off?",
                           "이 설정에서 꺼진 유닛의 비율이 가장 큰 활성화 함수는 무엇일까요?"),
    "activations.q.keeps": ("After L layers of these pre-activations, which function lets the most gradient through?",
                            "이런 사전 활성값의 층 L개를 지난 뒤 그래디언트를 가장 많이 통과시키는 함수는 무엇일까요?"),
    "activations.q.faster": ("Which inputs bring the unit to w* in fewer steps?",
                             "어느 입력이 유닛을 더 적은 단계로 w*에 데려갈까요?"),
    "activations.q.faster.positive": ("all-positive inputs (like sigmoid outputs)", "모두 양수인 입력 (시그모이드 출력처럼)"),
    "activations.q.faster.centered": ("zero-centered inputs (like tanh outputs)", "0 중심 입력 (tanh 출력처럼)"),
    # 6. maxout
    "activations.maxout.name": ("6 · Maxout", "6 · Maxout"),
    "activations.maxout.claim": (
        "A maxout unit max_j (w_j x + b_j) of k affine pieces is piecewise linear and never saturates; with more "
        "pieces it can bend into any convex shape. Fit y = x² with k = 1 (one linear layer) up to the largest k.",
        "아핀 조각 k개로 된 Maxout 유닛 max_j (w_j x + b_j)는 조각별 선형이라 포화되지 않고, 조각이 많을수록 "
        "어떤 볼록한 모양으로도 휠 수 있습니다. y = x²를 k = 1(선형층 하나)부터 가장 큰 k까지로 맞춥니다."),
    "activations.maxout.fit": ("Fits of y = x² (k = 0: the target)", "y = x² 맞춤 (k = 0: 목표)"),
    "activations.maxout.err": ("Mean squared error vs k (log scale)", "k에 따른 평균 제곱 오차 (로그 축)"),
    "activations.maxout.notice": (
        "One linear piece leaves an error of {one}; the best of up to {k} pieces reaches {best} (k = {kbest}). "
        "The price: k times the parameters of a ReLU layer.",
        "선형 조각 하나는 오차 {one}[을] 남기고, 최대 {k}조각 중 가장 좋은 것은 {best}에 이릅니다 (k = {kbest}). "
        "대가는 ReLU 층의 k배인 파라미터입니다."),
    # 7. race
    "activations.race.name": ("7 · The race", "7 · 경주"),
    "activations.race.claim": (
        "Twin runs: the same data, initial weights and batches; only the activation differs. Loss, validation "
        "accuracy, decision boundaries, and the time each took.",
        "쌍둥이 실행: 같은 데이터, 같은 초기 가중치, 같은 배치이고 활성화 함수만 다릅니다. 손실, 검증 정확도, "
        "결정 경계, 그리고 각각 걸린 시간입니다."),
    "activations.race.loss": ("Training loss (log scale)", "학습 손실 (로그 축)"),
    "activations.race.acc": ("Validation accuracy", "검증 정확도"),
    "activations.race.boundary": ("Decision boundaries after training", "학습 후 결정 경계"),
    "activations.race.notice": ("Best validation accuracy: {best} with {acc}. {time} {hint}",
                                "가장 높은 검증 정확도: {best}, {acc}. {time} {hint}"),
    "activations.race.hint_sgd": ("Try SGD instead of Adam, or more depth, and watch sigmoid fall behind.",
                                  "Adam 대신 SGD를 쓰거나 깊이를 늘려 시그모이드가 뒤처지는 것을 보세요."),
    "activations.race.hint_depth": ("Try more depth and watch sigmoid fall behind.",
                                    "깊이를 늘려 시그모이드가 뒤처지는 것을 보세요."),
    "activations.race.fast": ("Fastest run: {fast} ({sec} s; the next, {next}, took {next_sec} s).",
                              "가장 빠른 실행: {fast} ({sec}초, 그다음인 {next}: {next_sec}초)."),
    "activations.race.tie": (
        "The two fastest runs, {fast} ({sec} s) and {next} ({next_sec} s), are too close to call: the same run's "
        "time varies by about {noise}. Part 4 times the activations alone.",
        "가장 빠른 두 실행, {fast}({sec}초)와 {next}({next_sec}초)는 너무 비슷해 가릴 수 없습니다. 같은 실행도 "
        "시간이 {noise} 안팎 달라집니다. 활성화 함수만의 시간은 4번 파트에서 잽니다."),
}

# The shapes part's formulas, one per activation in core.nn.ACTIVATIONS (tested), the same in both languages.
FORMULAS = {
    "sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    "tanh": r"\tanh(z) = 2\sigma(2z) - 1",
    "relu": r"\mathrm{ReLU}(z) = \max(0, z)",
    "leaky_relu": r"\mathrm{LeakyReLU}(z) = \max(\alpha z, z)",
    "elu": r"\mathrm{ELU}(z) = \begin{cases} z & z > 0 \\ \alpha (e^{z} - 1) & z \le 0 \end{cases}",
    "gelu": r"\mathrm{GELU}(z) = z\,\Phi(z)",
    "silu": r"\mathrm{SiLU}(z) = z\,\sigma(z)",
    "selu": r"\mathrm{SELU}(z) = \lambda \begin{cases} z & z > 0 \\ \alpha (e^{z} - 1) & z \le 0 \end{cases}",
    "softplus": r"\mathrm{softplus}(z) = \log(1 + e^{z})",
    "maxout": r"\mathrm{maxout}(x) = \max_j (w_j^\top x + b_j)",
}
