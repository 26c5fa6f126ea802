"""Texts of the paper cards (core/cards.py) and of the home page's evidence board.

Per card: its name and claim (our words) as a part of its page (`{scope}.{id}.name`, `.claim`), the
criterion (formatted with the constants of core.cards), the measured numbers, the discussion question and
its presets. The criterion's numbers are never written here: they come from the code.
"""

# card id -> its page; for the keys below (the cards' parts are keyed by their page, like any part)
SCOPES = {"he2015": "initialization", "ioffe2015": "batchnorm", "cohen2021": "optimizers", "double_descent": "regularization", "zhang2017": "regularization", "yosinski2014": "transfer",
          "loshchilov2019": "regularization"}

CARD_TEXT = {
    "he2015": {
        "name": ("Paper: He et al. 2015", "논문: He 외 2015"),
        "claim": (
            "**Claim** (He et al. 2015, Fig. 3): a deep plain ReLU network (30 layers) started with Xavier's "
            "Var(W) = 1/n barely trains, while He's Var(W) = 2/n trains it; at about 10 layers both train.",
            "**주장** (He 외 2015, 그림 3): 깊은 평범한 ReLU 신경망(30층)은 Xavier의 Var(W) = 1/n[로] 시작하면 거의 "
            "학습되지 않지만 He의 Var(W) = 2/n[로] 시작하면 학습됩니다. 10층 정도에서는 둘 다 학습됩니다."),
        "criterion": (
            "Reproduced when, at the deep setting, He's final training accuracy exceeds Xavier's by at least "
            "{gap:.0%} (a difference of accuracies), and at the shallow setting the two are within {close:.0%} of each other. "
            "Both use Adam at its default step on the same data, batches and seed.",
            "깊은 설정에서 He의 최종 학습 정확도가 Xavier보다 {gap:.0%}p 이상 높고, 얕은 설정에서 둘의 차이가 "
            "{close:.0%}p 이내이면 재현된 것입니다. 둘 다 같은 데이터, 배치, 시드에서 기본 학습률의 Adam을 "
            "씁니다."),
        "measured": (
            "Measured: at {deep} layers He's training accuracy leads Xavier's by {gap:.0%} (needed: at least "
            "{need_gap:.0%}); at {shallow} layers they differ by {diff:.0%} (allowed: at most {need_close:.0%}).",
            "측정값: {deep}층에서 He의 학습 정확도가 Xavier보다 {gap:.0%}p 앞섭니다(기준: {need_gap:.0%}p 이상). "
            "{shallow}층에서 둘의 차이는 {diff:.0%}p입니다(허용: {need_close:.0%}p 이하)."),
        "q": ("At the deep setting, will the network started with Xavier's init train as well as He's?",
              "깊은 설정에서 Xavier 초기화로 시작한 신경망도 He만큼 학습될까요?"),
        "q.yes": ("No: only He's trains", "아니요: He만 학습됩니다"),
        "q.no": ("Yes, or neither does", "예, 또는 둘 다 안 됩니다"),
        "presets": {"he_default": ("The card's setting", "카드의 설정"), "he_deeper": ("40 layers", "40층"),
                    "he_narrow": ("16 units wide", "너비 16")},
    },
    "ioffe2015": {
        "name": ("Paper: Ioffe & Szegedy 2015", "논문: Ioffe & Szegedy 2015"),
        "claim": (
            "**Claim** (Ioffe & Szegedy 2015, Fig. 1 and Sec. 3.3): the paper's MNIST network (3 hidden layers of "
            "100 sigmoid units, minibatches of 60) with BatchNorm reaches a target accuracy in far fewer steps, and "
            "still trains at a learning rate at which the plain network diverges or stalls.",
            "**주장** (Ioffe & Szegedy 2015, 그림 1과 3.3절): 논문의 MNIST 신경망(시그모이드 100개짜리 은닉층 3개, "
            "미니배치 60)에 BatchNorm을 넣으면 목표 정확도에 훨씬 적은 단계로 이르고, 평범한 신경망이 발산하거나 "
            "멈추는 학습률에서도 학습됩니다."),
        "criterion": (
            "Reproduced when, at the base learning rate, BatchNorm reaches {target:.0%} validation accuracy in at "
            "least {speedup:g}x fewer steps than the plain network (a plain run that never gets there counts as the "
            "whole budget), and at the high learning rate BatchNorm reaches it while the plain network diverges or "
            "never does. Same digits, initial weights and batches.",
            "기본 학습률에서 BatchNorm이 검증 정확도 {target:.0%}에 평범한 신경망보다 {speedup:g}배 이상 적은 단계로 "
            "이르고(끝내 이르지 못한 평범한 실행은 전체 예산으로 셉니다), 높은 학습률에서 BatchNorm은 이르지만 평범한 "
            "신경망은 발산하거나 이르지 못하면 재현된 것입니다. 숫자 데이터, 초기 가중치, 배치는 같습니다."),
        "measured": (
            "Measured: at the base learning rate BatchNorm reached the target at step {bn_steps:g}, the plain network "
            "at {plain_steps:g} (or not within the budget): {speedup:.1f}x (needed: {need_speedup:g}x). At the high "
            "learning rate the plain network {plain_fate}; BatchNorm {bn_fate}.",
            "측정값: 기본 학습률에서 BatchNorm은 {bn_steps:g}단계에, 평범한 신경망은 {plain_steps:g}단계에(또는 예산 "
            "안에 이르지 못함) 목표에 이르렀습니다: {speedup:.1f}배(기준: {need_speedup:g}배). 높은 학습률에서 평범한 "
            "신경망은 {plain_fate}. BatchNorm은 {bn_fate}."),
        "q": ("At ten times the learning rate, which network still reaches the target accuracy?",
              "학습률을 열 배로 올리면 어느 신경망이 여전히 목표 정확도에 이를까요?"),
        "q.yes": ("Only the one with BatchNorm", "BatchNorm이 있는 신경망만"),
        "q.no": ("Both, or neither", "둘 다, 또는 둘 다 아님"),
        "presets": {"bn_default": ("The card's setting", "카드의 설정"), "bn_gentle": ("Base lr 0.2", "기본 학습률 0.2"),
                    "bn_higher": ("High lr 50", "높은 학습률 50")},
    },
    "cohen2021": {
        "name": ("Paper: edge of stability", "논문: 안정성의 경계"),
        "claim": (
            "**Claim** (Cohen et al. 2021, Fig. 1): with full-batch gradient descent at step size η, the sharpness "
            "(the largest eigenvalue of the loss's Hessian) rises until it reaches 2/η, the point where the "
            "quadratic model says gradient descent stops being stable, and then hovers there while the loss keeps "
            "falling, though not monotonically.",
            "**주장** (Cohen 외 2021, 그림 1): 보폭 η의 전체 배치 경사 하강법에서 날카로움(손실 헤시안의 가장 큰 "
            "고윳값)은 2/η에 이를 때까지 커집니다. 2/η는 이차 근사에서 경사 하강법이 불안정해지는 지점인데, 그 뒤로는 "
            "그 근처에 머물고 손실은 오르내리면서도 계속 줄어듭니다."),
        "criterion": (
            "Reproduced when every sharpness measurement of the last half of the run lies within {band:.0%} of 2/η, "
            "and the final loss is lower than the loss when the sharpness first came within {band:.0%} of 2/η. The "
            "sharpness is measured every 25 steps by power iteration with Hessian-vector products.",
            "실행의 후반부에 측정한 날카로움이 모두 2/η의 {band:.0%} 이내에 있고, 최종 손실이 날카로움이 처음 2/η의 "
            "{band:.0%} 이내에 들어왔을 때의 손실보다 낮으면 재현된 것입니다. 날카로움은 25단계마다 헤시안-벡터 곱을 "
            "쓰는 거듭제곱법으로 측정합니다."),
        "measured": (
            "Measured: the sharpness first came within the band at step {reached_at}; over the last half it stayed "
            "between {low:.2f} and {high:.2f} times 2/η (allowed: 1 ± {need_band:.2f}); the loss was "
            "{loss_at_reach:.3f} then, and {final_loss:.3f} at the end.",
            "측정값: 날카로움은 {reached_at}단계에서 처음 범위 안에 들어왔고, 후반부 내내 2/η의 {low:.2f}배와 "
            "{high:.2f}배 사이에 있었습니다(허용: 1 ± {need_band:.2f}). 손실은 그때 {loss_at_reach:.3f}에서 마지막에 "
            "{final_loss:.3f}[로] 바뀌었습니다."),
        "q": ("Will the sharpness keep growing past 2/η, or settle there?",
              "날카로움이 2/η를 넘어 계속 커질까요, 아니면 그 근처에 머물까요?"),
        "q.yes": ("It settles at 2/η", "2/η 근처에 머뭅니다"),
        "q.no": ("It keeps growing, or never gets there", "계속 커지거나 거기까지 가지 못합니다"),
        "presets": {"eos_default": ("The card's setting", "카드의 설정"), "eos_small": ("η = 0.1", "η = 0.1"),
                    "eos_large": ("η = 0.5", "η = 0.5")},
    },
    "double_descent": {
        "name": ("Paper: double descent", "논문: 이중 하강"),
        "claim": (
            "**Claim** (Belkin et al. 2019, Fig. 2; Nakkiran et al. 2019): with random ReLU features and a "
            "minimum-norm least-squares readout, the test error rises as the number of features p nears the "
            "number of training points n, peaks there, and falls again beyond it.",
            "**주장** (Belkin 외 2019, 그림 2; Nakkiran 외 2019): 무작위 ReLU 특징과 최소 노름 최소제곱 출력층에서, "
            "특징 수 p가 학습 데이터 수 n에 가까워지면 테스트 오차가 커지고, 그곳에서 정점을 찍은 뒤 그보다 "
            "많아지면 다시 줄어듭니다."),
        "criterion": (
            "Reproduced when the test error (squared, on one-hot targets) peaks between n/{window:g} and "
            "{window:g}n features, and at the most features it is at most {drop:.0%} of the peak and lower "
            "than the best with p ≤ n/2.",
            "테스트 오차(원-핫 목표에 대한 제곱 오차)의 정점이 특징 수 n/{window:g}[과] {window:g}n 사이에 있고, "
            "가장 많은 특징에서의 오차가 정점의 {drop:.0%} 이하이며 p ≤ n/2에서의 최솟값보다 낮으면 재현된 "
            "것입니다."),
        "measured": (
            "Measured: n = {n} training digits; the test error peaks at {peak_at} features ({peak:.3g}); with the "
            "most features it is {last:.3g}, against {classical:.3g} at best with p ≤ n/2.",
            "측정값: 학습 숫자 n = {n}개에서 테스트 오차는 특징 {peak_at}개에서 정점({peak:.3g})입니다. 가장 많은 "
            "특징에서는 {last:.3g}이고, p ≤ n/2에서의 최솟값은 {classical:.3g}입니다."),
        "q": ("Once there are more features than training points, will adding more make the test error worse for good?",
              "특징 수가 학습 데이터 수보다 많아진 뒤에도 특징을 더 늘리면 테스트 오차가 계속 나빠질까요?"),
        "q.yes": ("No: it peaks near n and falls again", "아니요: n 근처에서 정점을 찍고 다시 줄어듭니다"),
        "q.no": ("Yes, or it never peaks", "예, 또는 정점이 없습니다"),
        "presets": {"dd_default": ("The card's setting", "카드의 설정"), "dd_more": ("200 training digits",
                                                                             "학습 숫자 200개"),
                    "dd_one": ("One feature draw", "특징 추출 1회")},
    },
    "zhang2017": {
        "name": ("Paper: Zhang et al. 2017", "논문: Zhang 외 2017"),
        "claim": (
            "**Claim** (Zhang et al. 2017, Fig. 1a): the same network fits random labels to 100% training "
            "accuracy, taking longer than with the true labels, while its accuracy on held-out digits stays at "
            "chance.",
            "**주장** (Zhang 외 2017, 그림 1a): 같은 신경망이 무작위 레이블도 학습 정확도 100%까지 맞추지만 진짜 "
            "레이블보다 오래 걸리고, 따로 둔 숫자에 대한 정확도는 우연 수준에 머뭅니다."),
        "criterion": (
            "Reproduced when on random labels the training accuracy reaches {fit:.0%}, later than on the true "
            "labels, and the validation accuracy (true labels) is at most chance + {margin:.0%}.",
            "무작위 레이블에서 학습 정확도가 {fit:.0%}에 이르되 진짜 레이블보다 늦게 이르고, 검증 정확도(진짜 "
            "레이블)가 우연 수준 + {margin:.0%}p 이하이면 재현된 것입니다."),
        "measured": (
            "Measured: random labels reach {train:.0%} training accuracy (100% first at step {fit_random}, true "
            "labels at step {fit_true}); validation accuracy {val:.0%}, chance {chance:.0%}.",
            "측정값: 무작위 레이블의 학습 정확도는 {train:.0%}입니다(100%에 처음 이른 단계: {fit_random}, 진짜 "
            "레이블은 {fit_true}). 검증 정확도는 {val:.0%}, 우연 수준은 {chance:.0%}입니다."),
        "q": ("Can this MLP reach 100% training accuracy on labels drawn at random?",
              "이 MLP가 무작위로 뽑은 레이블에서도 학습 정확도 100%에 이를까요?"),
        "q.yes": ("Yes, but slower, and it learns nothing", "예, 하지만 더 느리고 배운 것은 없습니다"),
        "q.no": ("No, or not slower", "아니요, 또는 더 느리지 않습니다"),
        "presets": {"zh_default": ("The card's setting", "카드의 설정"), "zh_narrow": ("32 units wide", "너비 32")},
    },
    "loshchilov2019": {
        "name": ("Paper: AdamW", "논문: AdamW"),
        "claim": (
            "**Claim** (Loshchilov & Hutter 2019, Fig. 2): weight decay and L2 regularization are the same for "
            "SGD but not for Adam. Adding L2 to the gradient sends the decay through Adam's per-weight scaling, so "
            "the best L2 strength changes with the learning rate; decaying the weights directly (AdamW: "
            "w ← w − λw at every step, apart from the Adam step) keeps the best decay nearly the same at every "
            "learning rate.",
            "**주장** (Loshchilov & Hutter 2019, 그림 2): SGD에서는 가중치 감쇠와 L2 규제가 같지만 Adam에서는 "
            "다릅니다. L2를 그래디언트에 더하면 감쇠도 Adam의 가중치별 스케일링을 거치므로 가장 좋은 L2 세기가 학습률에 "
            "따라 바뀝니다. 가중치를 직접 줄이면(AdamW: Adam 단계와 따로 매 단계 w ← w − λw) 가장 좋은 감쇠가 "
            "어느 학습률에서나 거의 같습니다."),
        "criterion": (
            "For each optimizer and learning rate, the best decay is the centre (mean of log10 λ) of the decays "
            "whose validation accuracy is within {tolerance:.0%} (a difference of accuracies) of that learning "
            "rate's best. Reproduced when "
            "the best decay moves less across the learning rates (its range, in decades) for AdamW than for "
            "Adam + L2. Every cell of the grid starts from the same weights and sees the same minibatches.",
            "옵티마이저와 학습률마다, 그 학습률의 최고 검증 정확도에서 {tolerance:.0%}p 안에 드는 감쇠들의 "
            "중심(log10 λ의 평균)을 가장 좋은 감쇠로 봅니다. 학습률에 따라 가장 좋은 감쇠가 움직이는 폭(자릿수 "
            "단위의 범위)이 AdamW에서 Adam + L2보다 작으면 재현된 것입니다. 격자의 모든 칸은 같은 가중치에서 "
            "시작하고 같은 미니배치를 봅니다."),
        "measured": (
            "Measured: across the learning rates the best decay moves by {shift_l2:.2f} decades for Adam + L2 and "
            "by {shift_adamw:.2f} for AdamW (needed: less for AdamW). Best validation accuracy on the grid: "
            "Adam + L2 {best_l2:.1%}, AdamW {best_adamw:.1%}. At this toy scale the difference is modest: read the "
            "chart, and try other seeds.",
            "측정값: 학습률에 따라 가장 좋은 감쇠가 Adam + L2에서는 {shift_l2:.2f}자리, AdamW에서는 "
            "{shift_adamw:.2f}자리 움직입니다(기준: AdamW 쪽이 작을 것). 격자에서 가장 좋은 검증 정확도: "
            "Adam + L2 {best_l2:.1%}, AdamW {best_adamw:.1%}. 이 작은 규모에서는 차이가 크지 않으니 차트를 읽고 "
            "다른 시드로도 돌려 보세요."),
        "q": ("If you raise Adam's learning rate, will the best weight decay stay put for AdamW but move for "
              "Adam with L2?",
              "Adam의 학습률을 올리면, 가장 좋은 가중치 감쇠가 AdamW에서는 그대로이고 L2를 쓴 Adam에서는 "
              "움직일까요?"),
        "q.yes": ("Yes: only Adam + L2's best decay moves", "예: Adam + L2의 가장 좋은 감쇠만 움직입니다"),
        "q.no": ("No: both move, or neither", "아니요: 둘 다 움직이거나 둘 다 그대로입니다"),
        "presets": {"aw_default": ("The card's setting", "카드의 설정"), "aw_short": ("300 steps", "300단계"),
                    "aw_long": ("900 steps", "900단계")},
    },
    "yosinski2014": {
        "name": ("Paper: transfer with few labels", "논문: 적은 레이블로 전이 학습"),
        "claim": (
            "**Claim** (Yosinski et al. 2014; CS231n Lecture 7): features learned on a similar task transfer, so "
            "with very little labeled data a linear classifier on the pretrained network's top features beats "
            "training the same network from scratch. Here the backbone was pretrained on digits drawn by a "
            "program in many hands (never on the target's images); the target is scikit-learn's handwritten "
            "digits.",
            "**주장** (Yosinski 외 2014; CS231n 7강): 비슷한 작업에서 배운 특징은 옮겨 쓸 수 있으므로, 레이블이 "
            "아주 적을 때는 사전 학습한 신경망의 맨 위 특징에 선형 분류기를 얹는 편이 같은 신경망을 처음부터 "
            "학습하는 것보다 낫습니다. 여기서 백본은 프로그램이 여러 필체로 그린 숫자로 사전 학습했고(타깃 "
            "이미지는 한 번도 보지 않았습니다), 타깃은 scikit-learn의 손글씨 숫자입니다."),
        "criterion": (
            "Reproduced when, over {seeds} seeds (each its own split, head and batch order), the linear probe's "
            "test accuracy beats training from scratch by at least {gap:.0%} on average (a difference of "
            "accuracies), and the probe is ahead on at least {wins} of the {seeds} seeds. Both train for the "
            "same steps with Adam on the same labeled images.",
            "시드 {seeds}개(시드마다 분할, 헤드, 배치 순서가 다릅니다)에서 선형 프로브의 테스트 정확도가 처음부터 "
            "학습한 신경망보다 평균 {gap:.0%}p 이상 높고, {seeds}개 중 {wins}개 이상의 시드에서 프로브가 앞서면 "
            "재현된 것입니다. 둘 다 같은 레이블 이미지로 같은 단계 수만큼 Adam으로 학습합니다."),
        "measured": (
            "Measured: over {seeds} seeds the probe leads scratch by {gap:.1%} on average (needed: at least "
            "{need_gap:.0%}) and is ahead on {wins} of them (needed: {need_wins} of {need_seeds}); its worst seed: "
            "{worst:+.1%}.",
            "측정값: 시드 {seeds}개에서 프로브가 처음부터 학습한 신경망보다 평균 {gap:.1%}p 앞서고(기준: "
            "{need_gap:.0%}p 이상), {wins}개 시드에서 앞섭니다(기준: {need_seeds}개 중 {need_wins}개). 가장 나쁜 "
            "시드의 차이는 {worst:+.1%}p입니다."),
        "q": ("With one labeled image per class, will the frozen pretrained features with a linear head beat the "
              "same network trained from scratch?",
              "클래스당 레이블 이미지가 하나뿐일 때, 얼려 둔 사전 학습 특징에 선형 헤드를 얹으면 처음부터 학습한 "
              "같은 신경망을 이길까요?"),
        "q.yes": ("Yes, by a wide margin on almost every seed", "예, 거의 모든 시드에서 큰 차이로 이깁니다"),
        "q.no": ("No, or only by a little", "아니요, 또는 조금만 이깁니다"),
        "presets": {"tl_default": ("The card's setting", "카드의 설정"),
                    "tl_five": ("5 labels per class", "클래스당 레이블 5개"),
                    "tl_short": ("40 steps", "40단계")},
    },
    "bergstra2012": {
        "name": ("Paper: Bergstra & Bengio 2012", "논문: Bergstra & Bengio 2012"),
        "claim": (
            "**Claim** (Bergstra & Bengio 2012, Fig. 1): when only one of two hyperparameters matters, random "
            "search beats a grid with as many trials.",
            "**주장** (Bergstra & Bengio 2012, 그림 1): 두 하이퍼파라미터 중 하나만 중요할 때, 같은 횟수의 무작위 "
            "탐색이 격자 탐색보다 낫습니다."),
        "criterion": ("Reproduced when random search wins more of the repeated problems than the grid.",
                      "반복한 문제 중 무작위 탐색이 이긴 경우가 격자 탐색보다 많으면 재현된 것입니다."),
    },
}

TEXT = {
    "cards.reproduced": ("reproduced", "재현됨"),
    "cards.not_reproduced": ("not reproduced", "재현되지 않음"),
    "cards.criterion": ("**Criterion, fixed before the run:** {text}", "**실행 전에 정한 기준:** {text}"),
    "cards.cite": ("Source: {citation}", "출처: {citation}"),
    "cards.failed": (
        "Not reproduced for this setting (seed {seed}): the criterion is not loosened to make it pass. Try another "
        "seed or a larger budget, and judge how often it holds.",
        "이 설정(시드 {seed})에서는 재현되지 않았습니다. 통과시키려고 기준을 느슨하게 하지 않습니다. 다른 시드나 "
        "더 큰 예산으로 돌려 보고 얼마나 자주 성립하는지 판단해 보세요."),
    "cards.chart": ("What the card measured", "카드가 측정한 값"),
    "cards.fails": ("diverged or never reached it", "발산했거나 이르지 못했습니다"),
    "cards.reaches": ("reached it", "이르렀습니다"),
    "cards.misses": ("did not", "이르지 못했습니다"),
    "home.board_title": ("Evidence board: papers, reproduced live", "증거 게시판: 논문 결과를 직접 재현하기"),
    "home.board_intro": (
        "Each card states a paper's claim, fixes a criterion in code, and runs a small experiment; the badge says "
        "whether this lab's run meets the criterion at the card's default setting. Open a card to change seeds "
        "and budgets.",
        "각 카드는 논문의 주장을 밝히고, 기준을 코드에 고정한 뒤 작은 실험을 돌립니다. 배지는 카드의 기본 설정에서 "
        "이 실험실의 실행이 기준을 통과하는지 알려 줍니다. 카드를 열어 시드와 예산을 바꿔 보세요."),
    "home.board_pending": ("not run yet (the server computes it in the background)",
                           "아직 실행되지 않았습니다(서버가 백그라운드에서 계산합니다)"),
    "home.board_open": ("Open the card on {page}", "{page}에서 카드 열기"),
    "home.board_run": ("Run the missing cards now", "빠진 카드를 지금 실행하기"),
}

for _cid, _text in CARD_TEXT.items():
    TEXT[f"cards.{_cid}.name"] = _text["name"]
    TEXT[f"cards.{_cid}.claim"] = _text["claim"]
    TEXT[f"cards.{_cid}.criterion"] = _text["criterion"]
    if _cid in SCOPES:
        _scope = SCOPES[_cid]
        TEXT[f"{_scope}.{_cid}.name"] = _text["name"]
        TEXT[f"{_scope}.{_cid}.claim"] = _text["claim"]
        TEXT[f"cards.{_cid}.measured"] = _text["measured"]
        TEXT[f"{_scope}.q.{_cid}"] = _text["q"]
        TEXT[f"{_scope}.q.{_cid}.yes"] = _text["q.yes"]
        TEXT[f"{_scope}.q.{_cid}.no"] = _text["q.no"]
        for _name, _pair in _text["presets"].items():
            TEXT[f"{_scope}.preset.{_name}"] = _pair

TEXT |= {
    "f.deep": ("Deep setting: layers", "깊은 설정: 층 수"),
    "f.shallow": ("Shallow setting: layers", "얕은 설정: 층 수"),
    "f.n_train": ("Training digits n", "학습 숫자 수 n"),
    "f.draws": ("Feature draws averaged", "평균 낼 특징 추출 횟수"),
    "f.high_lr": ("High learning rate", "높은 학습률"),
    "col.target_step": ("first step at the target", "목표에 처음 이른 단계"),
    "col.features": ("features p", "특징 수 p"),
    "col.test_mse": ("test error (squared)", "테스트 오차(제곱)"),
    "col.test_error": ("test error (classification)", "테스트 오차(분류)"),
    "col.fit_step": ("first step at 100%", "100%에 처음 이른 단계"),
    "legend.test_mse": ("test error (squared)", "테스트 오차(제곱)"),
    "legend.threshold": ("2/η", "2/η"),
    "legend.sharpness": ("sharpness", "날카로움"),
    "legend.test_error": ("test error (classification)", "테스트 오차(분류)"),
    # the pieces of the cards' series names ('plain · lr 10', 'random_labels · train'): ui.options.legend_label
    "legend.layers N": ("{value} layers", "{value}층"),
    "legend.lr N": ("lr {value}", "학습률 {value}"),
    "legend.plain": ("plain", "평범한 신경망"),
    "legend.batchnorm": ("BatchNorm", "BatchNorm"),
    "legend.loss": ("loss", "손실"),
    "legend.true_labels": ("true labels", "진짜 레이블"),
    "legend.random_labels": ("random labels", "무작위 레이블"),
    "legend.adam_l2": ("Adam + L2", "Adam + L2"),
    "col.decay": ("decay λ", "감쇠 λ"),
    "col.log10_decay": ("best decay λ (log10)", "가장 좋은 감쇠 λ (log10)"),
    "col.log10_lr": ("learning rate (log10)", "학습률 (log10)"),
}
