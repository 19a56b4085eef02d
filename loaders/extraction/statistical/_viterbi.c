/* Viterbi over the CRF's lanes, in C: built by `dkg compile` beside the mypyc modules.
 *
 * The numpy decoder (model._viterbi_lanes) makes a handful of numpy calls per step of the
 * longest lane, so on a page it spends most of its time on call overhead. This kernel
 * decodes lane by lane in character order with the same float32 sums, the same maxima and
 * the same first-of-equals choices, so its labels are the numpy decoder's to the bit.
 *
 * decode(emissions, transitions, lane_starts, follows_o, labels, out)
 *   emissions    float32 (characters, labels), C-contiguous
 *   transitions  float32 (labels, labels): transitions[p * labels + l] scores p -> l
 *   lane_starts  int64, each lane's first character, ascending, from 0
 *   follows_o    uint8 per lane: the lane's first character follows an O (adds transitions[0][l])
 *   labels       the number of labels
 *   out          int64 (characters): the best label of each character, written
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

static void
decode_lane(const float *emissions, const float *transitions, float *scores, int64_t *out,
            Py_ssize_t length, Py_ssize_t labels, int follows_o)
{
    for (Py_ssize_t l = 0; l < labels; l++)
        scores[l] = follows_o ? emissions[l] + transitions[l] : emissions[l];
    for (Py_ssize_t t = 1; t < length; t++) {
        const float *previous = scores + (t - 1) * labels;
        for (Py_ssize_t l = 0; l < labels; l++) {
            float best = previous[0] + transitions[l];
            for (Py_ssize_t p = 1; p < labels; p++) {
                float candidate = previous[p] + transitions[p * labels + l];
                if (candidate > best)
                    best = candidate;
            }
            scores[t * labels + l] = best + emissions[t * labels + l];
        }
    }
    const float *last = scores + (length - 1) * labels;
    Py_ssize_t taken = 0;
    for (Py_ssize_t l = 1; l < labels; l++)
        if (last[l] > last[taken])
            taken = l;
    for (Py_ssize_t t = length - 1; t > 0; t--) {
        out[t] = taken;
        const float *previous = scores + (t - 1) * labels;
        Py_ssize_t from = 0;
        float best = transitions[taken] + previous[0];
        for (Py_ssize_t p = 1; p < labels; p++) {
            float candidate = transitions[p * labels + taken] + previous[p];
            if (candidate > best) {
                best = candidate;
                from = p;
            }
        }
        taken = from;
    }
    out[0] = taken;
}

static PyObject *
decode(PyObject *self, PyObject *args)
{
    Py_buffer emissions, transitions, starts, follows, out;
    Py_ssize_t labels;
    if (!PyArg_ParseTuple(args, "y*y*y*y*nw*", &emissions, &transitions, &starts, &follows, &labels, &out))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t characters = out.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t lanes = starts.len / (Py_ssize_t)sizeof(int64_t);
    const int64_t *lane_starts = starts.buf;
    if (labels < 1 || emissions.len != characters * labels * (Py_ssize_t)sizeof(float)
            || transitions.len != labels * labels * (Py_ssize_t)sizeof(float) || follows.len != lanes
            || (lanes > 0 && lane_starts[0] != 0) || (lanes == 0 && characters > 0)) {
        PyErr_SetString(PyExc_ValueError, "decode: the buffers' sizes do not agree");
        goto done;
    }
    for (Py_ssize_t i = 0; i < lanes; i++) {
        int64_t end = i + 1 < lanes ? lane_starts[i + 1] : characters;
        if (end <= lane_starts[i] || end > characters) {
            PyErr_SetString(PyExc_ValueError, "decode: lane starts must rise from 0 below the characters");
            goto done;
        }
    }
    float *scores = malloc(sizeof(float) * (size_t)(characters > 0 ? characters * labels : 1));
    if (scores == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    const uint8_t *follows_o = follows.buf;
    for (Py_ssize_t i = 0; i < lanes; i++) {
        int64_t start = lane_starts[i], end = i + 1 < lanes ? lane_starts[i + 1] : characters;
        decode_lane((const float *)emissions.buf + start * labels, transitions.buf, scores + start * labels,
                    (int64_t *)out.buf + start, (Py_ssize_t)(end - start), labels, follows_o[i]);
    }
    Py_END_ALLOW_THREADS
    free(scores);
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&emissions);
    PyBuffer_Release(&transitions);
    PyBuffer_Release(&starts);
    PyBuffer_Release(&follows);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"decode", decode, METH_VARARGS, "Viterbi over lanes laid end to end (see the file's head)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_viterbi", NULL, -1, methods};

PyMODINIT_FUNC
PyInit__viterbi(void)
{
    return PyModule_Create(&module);
}
