"""Regularization page (CS231n Lectures 6-7). Sources: the lecture slides; Srivastava et al. 2014 (dropout),
Wan et al. 2013 (DropConnect), Graham 2014 (fractional max pooling), Huang et al. 2016 (stochastic depth)."""

TEXT = {
    "regularization.legend.plain": ("plain (no augmentation)", "증강 없음"),  # augment's baseline
    "regularization.legend.hidden mean": ("hidden mean", "은닉 활성값 평균"),  # the inference part's tables
    "regularization.legend.logit": ("logit", "로짓"),
    "regularization.legend.correct": ("correct", "맞힘"),
    "regularization.legend.wrong": ("wrong", "틀림"),
    "regularization.q.unscaled": (
        "Dropout runs at training time but the survivors are NOT rescaled. Averaged over many train-mode passes, "
        "how large is a unit's output compared with the same unit in eval mode (dropout off)?",
        "학습 때 드롭아웃을 쓰지만 살아남은 유닛을 다시 키우지 않습니다. 학습 모드로 여러 번 통과시킨 평균은 "
        "평가 모드(드롭아웃 끔)의 같은 유닛 출력과 비교해 얼마일까요?"),
    "regularization.q.unscaled.same": ("the same", "같음"),
    "regularization.q.unscaled.keep": ("(1 − p) times it", "(1 − p)배"),
    "regularization.q.unscaled.inverse": ("1 / (1 − p) times it", "1 / (1 − p)배"),
    "regularization.nav": ("Regularization", "규제"),
    "regularization.oneline": (
        "Overfitting on purpose, then L2/L1, dropout (and why test time scales), DropConnect, fractional pooling, "
        "stochastic depth, augmentation and ensembles.",
        "일부러 과적합시킨 뒤 L2/L1, 드롭아웃(테스트 때 왜 스케일하는지), DropConnect, 분수 풀링, 확률적 깊이, "
        "데이터 증강, 앙상블을 봅니다."),
    "regularization.title": ("Regularization", "규제 (Regularization)"),
    "regularization.intro": (
        "The lectures' claims: regularization gives up some fit on the training set to gain accuracy on data the "
        "network has not seen. Dropout makes the output random, so at test time we use its expectation instead; "
        "inverted dropout does the scaling while training so that test time needs no change. DropConnect, "
        "fractional max pooling and stochastic depth share the pattern: noise in training, averaged out at test. "
        "Data augmentation and model ensembles help too. Pick a part; each runs its own experiment.",
        "강의의 주장: 규제는 학습 데이터에 대한 적합을 조금 포기하고, 신경망이 보지 못한 데이터에서의 정확도를 "
        "얻습니다. 드롭아웃은 출력을 무작위로 만들기 때문에 테스트 때는 그 기댓값을 씁니다. 역 드롭아웃(inverted "
        "dropout)은 스케일 조정을 학습 중에 해 두어 테스트 때는 아무것도 바꿀 필요가 없습니다. DropConnect, 분수 "
        "최대 풀링, 확률적 깊이도 같은 틀입니다: 학습 때는 잡음, 테스트 때는 그 평균. 데이터 증강과 모델 앙상블도 "
        "도움이 됩니다. 부분을 고르면 각자의 실험이 돌아갑니다."),
    # field labels
    "regularization.f.n_train": ("Training examples", "학습 예제 수"),
    "regularization.f.l2": ("L2 strength λ₂", "L2 세기 λ₂"),
    "regularization.f.l1": ("L1 strength λ₁", "L1 세기 λ₁"),
    "regularization.f.p": ("Drop probability p (PyTorch's p)", "버릴 확률 p (PyTorch의 p)"),
    "regularization.f.passes": ("Train-mode passes", "학습 모드 통과 횟수"),
    "regularization.f.point": ("Validation point #", "검증 점 번호"),
    "regularization.f.size": ("Drawn image size (pixels)", "그릴 이미지 크기 (픽셀)"),
    "regularization.f.draw": ("Random region sets drawn", "그릴 무작위 영역 세트 수"),
    "regularization.f.p_last": ("Survival p_L of the last block", "마지막 블록의 생존 확률 p_L"),
    "regularization.f.blocks": ("Residual blocks L", "잔차 블록 수 L"),
    "regularization.f.shift": ("Max shift (pixels)", "최대 이동 (픽셀)"),
    "regularization.f.rotate": ("Max rotation (degrees)", "최대 회전 (도)"),
    "regularization.f.scale": ("Max scaling (±)", "최대 확대·축소 (±)"),
    "regularization.f.models": ("Models in the ensemble K", "앙상블 모델 수 K"),
    # shared chart titles
    # chart titles: the legend shows train (solid) and validation (dashed); a longer title was cut at a phone's width
    "regularization.curves.loss": ("Loss (log scale)", "손실 (로그 축)"),
    "regularization.curves.best": ("dotted line: each run's best validation step",
                                   "점선: 실행마다 검증 손실이 가장 낮은 단계"),
    "regularization.curves.accuracy": ("Accuracy", "정확도"),
    # 1. overfit
    "regularization.overfit.name": ("1 · Overfitting on purpose", "1 · 일부러 과적합"),
    "regularization.overfit.claim": (
        "A network with about 17,000 weights learns a noisy 3-class spiral from few points (full batch, so a "
        "step is an epoch), checked on 600 fresh points. Training loss keeps falling; validation loss turns "
        "around. Stopping at the best validation step (early stopping) is the simplest regularizer.",
        "가중치가 약 17,000개인 신경망이 잡음이 섞인 3클래스 나선을 적은 점으로 배우고(전체 배치라 한 단계가 한 "
        "에폭), 새 점 600개로 검증합니다. 학습 손실은 계속 내려가지만 검증 손실은 돌아섭니다. 검증이 가장 좋은 "
        "단계에서 멈추는 것(조기 종료)이 가장 간단한 규제입니다."),
    "regularization.overfit.notice": (
        "With {n} training points the network reaches {train} training accuracy but {val} on validation. "
        "Validation loss was lowest at step {best} ({best_loss}) and ended at {end_loss}: the final gap between "
        "validation and training loss is {gap}. Drag the training-set size up and watch the gap close.",
        "학습 점 {n}개로 신경망은 학습 정확도 {train}에 이르지만 검증에서는 {val}입니다. 검증 손실은 {best}단계에서 "
        "가장 낮았고({best_loss}) 끝에는 {end_loss}였습니다. 마지막 검증·학습 손실 차이는 {gap}입니다. 학습 "
        "데이터 수를 늘리면 차이가 줄어드는 것을 보세요."),
    "regularization.preset.few": ("20 points", "점 20개"),
    "regularization.preset.small": ("60 points (default)", "점 60개 (기본)"),
    "regularization.preset.many": ("2000 points", "점 2000개"),
    # 2. penalty
    "regularization.penalty.name": ("2 · L2 and L1", "2 · L2와 L1"),
    "regularization.penalty.claim": (
        "The same network and start, trained three ways with SGD + momentum: no penalty, L2 (λ₂ Σw² added to "
        "the loss, so the loss at step 0 is larger) and L1. For L1 each update is followed by its proximal step, "
        "a soft threshold by η·λ₁, which sets small weights to exactly zero (plain subgradient steps would only "
        "make them jitter around zero).",
        "같은 신경망, 같은 시작점을 SGD + 모멘텀으로 세 가지 방식으로 학습합니다: 벌점 없음, L2(손실에 λ₂ Σw²를 "
        "더하므로 0단계 손실이 더 큼), L1. L1은 매 갱신 뒤에 근접(proximal) 단계, 즉 η·λ₁만큼의 소프트 임계값을 "
        "적용해 작은 가중치를 정확히 0으로 만듭니다 (단순한 서브그래디언트 단계로는 0 근처에서 흔들리기만 합니다)."),
    "regularization.penalty.hist": ("Final weights: share of weights per bin", "최종 가중치: 구간별 가중치 비율"),
    "regularization.penalty.notice": (
        "At step 0 the loss is {none} without a penalty and {l2} with L2: the penalty is added before any "
        "training. After training, L1 has set {zero} of the weights to exactly zero (no penalty: {zero_none}). "
        "Final validation-minus-training loss gap: {gaps}.",
        "0단계 손실은 벌점 없이 {none}, L2와 함께 {l2}입니다. 학습 전부터 벌점이 더해지기 때문입니다. 학습 뒤 "
        "L1은 가중치의 {zero}[을] 정확히 0으로 만들었습니다 (벌점 없음: {zero_none}). 마지막 검증−학습 손실 "
        "차이: {gaps}."),
    # 3. dropout
    "regularization.dropout.name": ("3 · Dropout in training", "3 · 학습 중 드롭아웃"),
    "regularization.dropout.claim": (
        "Each forward pass zeroes every hidden unit with probability p and scales the survivors by 1/(1 − p). "
        "Here p is PyTorch's p, the probability to drop; CS231n's code uses p for the probability to keep, "
        "so their p = 0.5 is the same as ours, and in general p_keep = 1 − p. Same network and start, with and "
        "without dropout.",
        "매 순전파마다 각 은닉 유닛을 확률 p로 0으로 만들고 살아남은 유닛을 1/(1 − p)로 키웁니다. 여기서 p는 "
        "PyTorch의 p, 즉 버릴 확률입니다. CS231n의 코드는 p를 남길 확률로 쓰므로 그쪽의 p = 0.5는 우리와 같고, "
        "일반적으로 p_keep = 1 − p입니다. 같은 신경망, 같은 시작점으로 드롭아웃이 있을 때와 없을 때를 비교합니다."),
    "regularization.dropout.notice": (
        "Dropout p = {p} (keep probability {keep}, CS231n's p). Final loss gap: {gap0} without, {gap} with "
        "dropout; validation accuracy {val0} without, {val} with. The training curve with dropout is measured "
        "in eval mode, without the noise.",
        "드롭아웃 p = {p} (남길 확률 {keep}, CS231n의 p). 마지막 손실 차이: 드롭아웃 없이 {gap0}, 있을 때 {gap}. "
        "검증 정확도: 없이 {val0}, 있을 때 {val}. 드롭아웃 쪽 학습 곡선도 잡음 없이 평가 모드로 잰 것입니다."),
    "regularization.preset.half": ("p = 0.5 (the lecture's)", "p = 0.5 (강의)"),
    "regularization.preset.light": ("p = 0.2", "p = 0.2"),
    "regularization.preset.heavy": ("p = 0.8", "p = 0.8"),
    # 4. inference
    "regularization.inference.name": ("4 · Dropout at inference", "4 · 추론 때의 드롭아웃"),
    "regularization.inference.claim": (
        "A network with dropout before its last layer is trained, then one validation point goes through it "
        "many times in train mode. Each pass gives a different answer; eval mode gives one. With inverted "
        "dropout the mean of the random passes equals the eval output. A layer that forgets the 1/(1 − p) "
        "is off by the factor 1 − p: such scaling bugs have shipped in real deep-learning libraries. The "
        "spread of the passes (Monte Carlo dropout) can serve as an uncertainty estimate.",
        "마지막 층 앞에 드롭아웃이 있는 신경망을 학습한 뒤, 검증 점 하나를 학습 모드로 여러 번 통과시킵니다. "
        "통과할 때마다 답이 다르고, 평가 모드는 하나의 답을 줍니다. 역 드롭아웃이면 무작위 통과들의 평균이 평가 "
        "출력과 같습니다. 1/(1 − p)를 빠뜨린 층은 1 − p배만큼 어긋납니다. 이런 스케일 버그는 실제 딥러닝 "
        "라이브러리에도 배포된 적이 있습니다. 통과들의 퍼짐(몬테카를로 드롭아웃)은 불확실성 추정으로 쓸 수 있습니다."),
    "regularization.inference.hist": ("Mean activation entering the last layer, per pass",
                                      "통과마다 마지막 층에 들어가는 평균 활성값"),
    "regularization.inference.prob": ("Probability of the predicted class, per pass", "통과마다 예측 클래스의 확률"),
    "regularization.inference.notice": (
        "Over {passes} train-mode passes the mean activation entering the last layer is {inv} with inverted "
        "dropout against {eval} in eval mode; forgetting the scaling gives {bug}, a ratio of {ratio} ≈ 1 − p = "
        "{keep}. Monte Carlo spread (std of the predicted class's probability) on the validation set: {right} "
        "where the network is right, {wrong} where it is wrong.",
        "학습 모드로 {passes}번 통과시키면 마지막 층에 들어가는 평균 활성값은 역 드롭아웃에서 {inv}, 평가 모드에서 "
        "{eval}입니다. 스케일을 빠뜨리면 {bug}[로], 비율 {ratio} ≈ 1 − p = {keep}입니다. 검증 세트에서 몬테카를로 "
        "퍼짐(예측 클래스 확률의 표준편차): 맞힌 곳 {right}, 틀린 곳 {wrong}."),
    # 5. dropconnect
    "regularization.dropconnect.name": ("5 · DropConnect", "5 · DropConnect"),
    "regularization.dropconnect.claim": (
        "DropConnect zeroes individual weights instead of whole units: a fresh mask M over the weight matrix on "
        "every forward pass, survivors scaled by 1/(1 − p) so that at test the plain layer is used. Written "
        "here as our own layer; compared with dropout at the same p on the same network and start.",
        "DropConnect는 유닛 전체 대신 개별 가중치를 0으로 만듭니다. 매 순전파마다 가중치 행렬에 새 마스크 M을 "
        "씌우고, 살아남은 가중치를 1/(1 − p)로 키워 테스트 때는 원래 층을 그대로 씁니다. 여기서는 직접 만든 층으로 "
        "구현했고, 같은 신경망·같은 시작점에서 같은 p의 드롭아웃과 비교합니다."),
    "regularization.dropconnect.notice": (
        "At p = {p}, final validation accuracy: none {val0}, dropout {drop}, DropConnect {conn}. Loss gaps: {gaps}.",
        "p = {p}에서 마지막 검증 정확도: 없음 {val0}, 드롭아웃 {drop}, DropConnect {conn}. 손실 차이: {gaps}."),
    # 6. fractional
    "regularization.fractional.name": ("6 · Fractional max pooling", "6 · 분수 최대 풀링"),
    "regularization.fractional.claim": (
        "Fractional max pooling (Graham 2014) shrinks an image by a factor such as √2 instead of 2. Its 2x2 "
        "regions start at pseudo-random places (lines), so some overlap and some do not, and they change on "
        "every training pass. Here torch's fractional_max_pool2d with ratio 1/√2, its random samples seeded, "
        "next to ordinary 2x2 max pooling, then a small CNN trained with each on the 8x8 digits (at test the "
        "fractional pooling uses one fixed set of regions).",
        "분수 최대 풀링(Graham 2014)은 이미지를 2배가 아니라 √2배 같은 비율로 줄입니다. 2x2 영역이 의사 난수 위치"
        "(선)에서 시작하므로 어떤 곳은 겹치고 어떤 곳은 겹치지 않으며, 학습 때마다 바뀝니다. 여기서는 시드를 고정한 "
        "torch의 fractional_max_pool2d(비율 1/√2)를 보통의 2x2 최대 풀링 옆에 두고, 각각으로 8x8 숫자에 작은 CNN을 "
        "학습합니다 (테스트 때 분수 풀링은 고정된 영역 한 세트를 씁니다)."),
    "regularization.fractional.fixed": ("2x2 max pooling", "2x2 최대 풀링"),
    "regularization.fractional.draw": ("Fractional, draw {d}", "분수 풀링, {d}번째"),
    "regularization.fractional.out": ("{name}: {size}x{size}", "{name}: {size}x{size}"),
    "regularization.fractional.notice": (
        "A {size}x{size} image pools to {out}x{out} with ratio 1/√2 and to {half}x{half} with 2x2 max pooling. "
        "Validation accuracy of the CNN: {val_max} with 2x2 max pooling, {val_frac} with fractional pooling; "
        "loss gaps {gap_max} and {gap_frac}. The paper's gains came from deep networks on larger images, where "
        "many gentle poolings fit in; on 8x8 digits there is room for only one.",
        "{size}x{size} 이미지는 비율 1/√2에서 {out}x{out}, 2x2 최대 풀링에서 {half}x{half}[이] 됩니다. CNN의 검증 "
        "정확도: 2x2 최대 풀링 {val_max}, 분수 풀링 {val_frac}. 손실 차이는 {gap_max}[과] {gap_frac}입니다. 논문의 이득은 "
        "완만한 풀링을 여러 번 넣을 수 있는 큰 이미지의 깊은 신경망에서 나왔습니다. 8x8 숫자에는 한 번 넣을 "
        "자리밖에 없습니다."),
    # 7. stochastic depth
    "regularization.depth.name": ("7 · Stochastic depth", "7 · 확률적 깊이"),
    "regularization.depth.claim": (
        "A residual network whose blocks are skipped at random while training (Huang et al. 2016): block $l$ "
        "survives with probability $p_l$, falling linearly from 1 to $p_L$ at the last block, and a skipped block "
        "passes its input straight on. At test every block runs, its output scaled by $p_l$. Compared with the "
        "same network and start with every block always on, on 100 digits.",
        "학습 중에 블록을 무작위로 건너뛰는 잔차 신경망입니다 (Huang et al. 2016). 블록 $l$은 확률 $p_l$로 살아남고, "
        "$p_l$은 1에서 마지막 블록의 $p_L$까지 선형으로 줄어듭니다. 건너뛴 블록은 입력을 그대로 넘깁니다. 테스트 때는 "
        "모든 블록이 돌고 출력에 $p_l$을 곱합니다. 같은 신경망·같은 시작점에서 모든 블록을 항상 쓰는 경우와 숫자 "
        "100개로 비교합니다."),
    "regularization.depth.survival": ("Survival probability p_l per block", "블록별 생존 확률 p_l"),
    "regularization.depth.block": ("residual block l", "잔차 블록 l"),
    "regularization.depth.p": ("survival probability p_l", "생존 확률 p_l"),
    "regularization.depth.notice": (
        "With L = {L} blocks and p_L = {pL}, a block survives {mean} of the time on average, so training "
        "passes are shallower. Validation accuracy: {val0} with all blocks always on, {val} with stochastic "
        "depth; loss gaps {gap0} and {gap}.",
        "블록 L = {L}개, p_L = {pL}이면 블록이 평균 {mean}의 확률로 살아남아 학습 때 통과하는 신경망이 얕아집니다. "
        "검증 정확도: 모든 블록을 항상 쓸 때 {val0}, 확률적 깊이 {val}. 손실 차이는 {gap0}[과] {gap}입니다."),
    "regularization.depth.health": (
        "Training health, one row per residual block: an empty cell is a logged step at which stochastic depth "
        "skipped that block (no activations, no gradient, no update).",
        "학습 상태, 잔차 블록마다 한 줄: 빈 칸은 확률적 깊이가 그 기록 단계에서 해당 블록을 건너뛴 곳입니다(활성화도, "
        "그래디언트도, 갱신도 없습니다)."),
    "regularization.preset.paper": ("p_L = 0.5 (the paper's)", "p_L = 0.5 (논문)"),
    "regularization.preset.off": ("p_L = 1: never skip", "p_L = 1: 건너뛰지 않음"),
    # 8. augmentation
    "regularization.augment.name": ("8 · Data augmentation", "8 · 데이터 증강"),
    "regularization.augment.claim": (
        "Change each training image at random in ways that keep its label: small shifts, rotations and "
        "scalings of the digits, a new draw on every step. The network (an MLP with one hidden layer, which has "
        "no built-in tolerance to shifts) sees the few training images in many versions; validation images are "
        "left as they are.",
        "레이블이 바뀌지 않는 방식으로 학습 이미지를 무작위로 바꿉니다: 숫자를 조금 이동·회전·확대·축소하고, 매 "
        "단계 새로 뽑습니다. 신경망(이동에 대한 내장된 불변성이 없는 은닉층 하나짜리 MLP)은 적은 학습 이미지를 여러 "
        "버전으로 보고, 검증 이미지는 그대로 둡니다."),
    "regularization.augment.grid": ("Rows: training images; column 0: original, 1-5: augmented",
                                    "행: 학습 이미지, 열 0: 원본, 1-5: 증강"),
    "regularization.augment.notice": (
        "With {n} training images, validation accuracy is {plain} without augmentation and {aug} with it; "
        "the loss gap goes from {gap0} to {gap}. Rotate too far and a 6 starts to look like a 9: not every "
        "change preserves the label.",
        "학습 이미지 {n}개로 검증 정확도는 증강 없이 {plain}, 증강하면 {aug}입니다. 손실 차이는 {gap0}에서 {gap}[로] "
        "바뀝니다. 너무 많이 회전하면 6이 9처럼 보이기 시작합니다. 모든 변화가 레이블을 지키지는 않습니다."),
    "regularization.preset.mild": ("Shift, rotate, scale (default)", "이동·회전·확대 (기본)"),
    "regularization.preset.shift": ("Shifts only", "이동만"),
    "regularization.preset.strong": ("Strong: 2 px, 30°", "강하게: 2픽셀, 30°"),
    # 9. ensembles
    "regularization.ensemble.name": ("9 · Ensembles", "9 · 앙상블"),
    "regularization.ensemble.claim": (
        "Train K copies of the same network on the same data, each from its own random initial weights, and "
        "average their predicted probabilities at test time. The errors of the copies partly differ, so the "
        "average is usually better than a typical single model.",
        "같은 신경망 K개를 같은 데이터로, 각자 다른 무작위 초기 가중치에서 학습하고, 테스트 때 예측 확률을 "
        "평균합니다. 복사본들의 오류가 어느 정도 서로 다르므로, 평균은 보통 전형적인 단일 모델보다 낫습니다."),
    "regularization.ensemble.all": ("ensemble (average)", "앙상블 (평균)"),
    "regularization.ensemble.bars": ("Validation accuracy: single models and their average",
                                     "검증 정확도: 단일 모델과 그 평균"),
    "regularization.ensemble.grow": ("Validation accuracy of the average of the first k models",
                                     "처음 k개 모델 평균의 검증 정확도"),
    "regularization.ensemble.notice": (
        "The {K} single models reach {mean} validation accuracy on average (best {best}); their average "
        "reaches {ens}. Validation loss drops from {loss1} (mean of the single models) to {lossK}.",
        "단일 모델 {K}개의 검증 정확도는 평균 {mean}(최고 {best})이고, 이들의 평균은 {ens}입니다. 검증 손실은 "
        "{loss1}(단일 모델 평균)에서 {lossK}[로] 내려갑니다."),
}
