"The local transformers backend on a tiny causal LM built here from config (random weights, own tokenizer)."
import pytest
from dreamrunner.llm import LLMError, LLMPlanner, PlannerError, TransformersChat, STORY_PROMPT

@pytest.fixture(scope='module')
def tiny_lm(tmp_path_factory):
    torch = pytest.importorskip('torch')
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast
    torch.manual_seed(0)
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer, tok.decoder = pre_tokenizers.ByteLevel(add_prefix_space=False), decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=['<|end|>'], initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator([STORY_PROMPT, 'Background: a forest\nFrame_1: [["witch", "walking", "A witch"], [0.1, 0.2, 0.5, 0.9]]'], trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token='<|end|>', pad_token='<|end|>')
    fast.chat_template = ("{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}\n{% endfor %}"
                          "{% if add_generation_prompt %}<|assistant|>{% endif %}")
    path = tmp_path_factory.mktemp('tiny-lm')
    fast.save_pretrained(path)
    cfg = LlamaConfig(vocab_size=len(fast), hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
                      num_key_value_heads=2, max_position_embeddings=4096, eos_token_id=fast.eos_token_id, pad_token_id=fast.pad_token_id)
    LlamaForCausalLM(cfg).save_pretrained(path)
    return path

def test_generates_a_reply_with_the_chat_template(tiny_lm):
    chat = TransformersChat(tiny_lm, max_new_tokens=12, device='cpu')
    messages = [{'role': 'user', 'content': 'Plan the witch story.'}]
    assert chat._prompt(messages).endswith('<|assistant|>')
    reply = chat(messages)
    assert isinstance(reply, str) and reply == chat(messages)  # greedy decoding is deterministic

def test_a_model_that_writes_nonsense_ends_in_a_clear_error(tiny_lm):
    planner = LLMPlanner(TransformersChat(tiny_lm, max_new_tokens=8, device='cpu'), max_tries=2)
    with pytest.raises(PlannerError, match='story: story plan: no valid plan after 2 tries'): planner('The witch and her cat.')
    assert len(planner.transcript) == 2

def test_a_folder_without_a_model(tmp_path):
    with pytest.raises(LLMError, match='cannot load a causal LM'): TransformersChat(tmp_path)
